import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import type { FeedbackRecord, FeedbackRepository } from './repository'

export interface FeedbackInput {
  weAsked: string
  youSaid: string
  weDid: string
  resultsUpdatedAt: Date | null
}

/** We asked, You said, We did: officers edit it, then publish it to the public pages. */
export function createFeedbackService({
  db,
  feedback,
  audit,
  now,
  onPublish = () => Promise.resolve(),
}: {
  db: Knex
  feedback: FeedbackRepository
  audit: AuditService
  now: () => Date
  /** Runs in the publishing transaction: queues the outcome emails. */
  onPublish?: (trx: Knex, consultationId: number) => Promise<unknown>
}) {
  async function write(
    actor: Actor,
    consultationId: number,
    action: string,
    next: (before: FeedbackRecord | null) => FeedbackRecord | null,
  ): Promise<boolean> {
    return db.transaction(async (trx) => {
      const before = await feedback.find(consultationId, trx)
      const after = next(before)
      if (!after) return false
      await feedback.save(consultationId, after, trx)
      await audit.record(
        actor,
        {
          action,
          entityType: 'feedback',
          entityId: consultationId,
          consultationId,
          before: before ? { ...before } : null,
          after: { ...after },
        },
        trx,
      )
      if (action === 'feedback.publish') await onPublish(trx, consultationId)
      return true
    })
  }

  return {
    get: (consultationId: number) => feedback.find(consultationId),

    save: (actor: Actor, consultationId: number, input: FeedbackInput) =>
      write(actor, consultationId, 'feedback.update', (before) => ({
        ...input,
        publishedAt: before?.publishedAt ?? null,
        feedbackUpdatedAt: now(),
      })),

    publish: (actor: Actor, consultationId: number) =>
      write(actor, consultationId, 'feedback.publish', (before) =>
        before ? { ...before, publishedAt: now(), feedbackUpdatedAt: now() } : null,
      ),

    unpublish: (actor: Actor, consultationId: number) =>
      write(actor, consultationId, 'feedback.unpublish', (before) =>
        before ? { ...before, publishedAt: null } : null,
      ),
  }
}

export type FeedbackService = ReturnType<typeof createFeedbackService>
