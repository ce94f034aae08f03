import crypto from 'node:crypto'
import os from 'node:os'
import type { Knex } from 'knex'
import type { EmailKind } from './messages'
import type { NewEmailJob, OutboxRepository } from './outbox-repository'
import { type EmailProvider, errorCode } from './providers'

/** After this many attempts a job is kept as failed, for an admin to see. */
export const MAX_ATTEMPTS = 8
/** A claimed job not marked sent within this long is taken to belong to a worker that died. */
export const LEASE_MS = 10 * 60 * 1000
const FIRST_RETRY_MS = 60 * 1000
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000
const BATCH_SIZE = 20

/** 1, 2, 4 ... minutes after each failure, and never more than 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS)

/** Fills in a job's fields when it is sent, from what is stored then; null when that is gone. */
export type ContentAtSend = (fields: Record<string, string>) => Promise<Record<string, string> | null>

export interface OutboxDeps {
  outbox: OutboxRepository
  provider: EmailProvider | null
  now: () => Date
  /** Kinds whose content is not kept in the job (a resident's answers): read when the job is sent. */
  contentAtSend?: Partial<Record<EmailKind, ContentAtSend>>
}

/**
 * The durable queue of emails. Jobs are written in the transaction of the event that causes them; any
 * instance's worker sends them, claiming each batch so no two workers send the same job.
 */
export function createOutboxService({ outbox, provider, now, contentAtSend = {} }: OutboxDeps) {
  const workerName = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`

  async function sendOne(worker: string, job: Awaited<ReturnType<OutboxRepository['claim']>>[number]) {
    if (!provider) return 'skipped'
    // A batch of slow sends can outlast the lease: a job another worker has reclaimed is left to it.
    if (!(await outbox.renewClaim(job.id, worker, now()))) return 'lost'
    try {
      const fill = contentAtSend[job.kind]
      const personalisation = fill ? await fill(job.personalisation) : job.personalisation
      // What it was written from is gone (a deleted response): the job is marked sent, with no email.
      if (!personalisation) {
        await outbox.markSent(job.id, worker, now())
        return 'dropped'
      }
      await provider.send({ kind: job.kind, to: job.recipient, reference: job.reference, personalisation })
      await outbox.markSent(job.id, worker, now())
      return 'sent'
    } catch (err) {
      const retryAt = job.attempts >= MAX_ATTEMPTS ? null : new Date(now().getTime() + retryDelayMs(job.attempts))
      await outbox.markFailed(job.id, worker, errorCode(err), retryAt)
      return retryAt ? 'retrying' : 'failed'
    }
  }

  return {
    /** False when no provider is configured: then nothing offers email. */
    enabled: provider !== null,

    /** For services that cause emails: call inside their own transaction. */
    enqueue: (trx: Knex, job: NewEmailJob) => outbox.enqueue(trx, job, now()),

    /** Many jobs for one event, in one statement; gives how many were added. */
    enqueueMany: (trx: Knex, jobs: NewEmailJob[]) => outbox.enqueueMany(trx, jobs, now()),

    /** Sends what is due, batch by batch, until nothing is left; gives counts to log. */
    async sendDue(worker = workerName()): Promise<Record<string, number>> {
      const counts: Record<string, number> = { sent: 0, dropped: 0, retrying: 0, failed: 0, lost: 0 }
      if (!provider) return counts
      for (;;) {
        const at = now()
        const jobs = await outbox.claim(worker, BATCH_SIZE, at, new Date(at.getTime() - LEASE_MS))
        for (const job of jobs) {
          const outcome = await sendOne(worker, job)
          counts[outcome] = (counts[outcome] ?? 0) + 1
        }
        if (jobs.length < BATCH_SIZE) return counts
      }
    },

    countByStatus: () => outbox.countByStatus(),
  }
}

export type OutboxService = ReturnType<typeof createOutboxService>
