import type { Knex } from 'knex'
import { outcomePublishedExpression } from '../consultations/repository'

export interface OutcomeRequest {
  id: number
  email: string
  consultationSlug: string
  consultationTitle: string
}

export type PublishedOutcome = 'feedback' | 'results' | null

/** The feedback counts from its publication time, by the same test as the consultation page's. One statement. */
async function publishedOutcome(db: Knex, consultationId: number, now: Date): Promise<PublishedOutcome> {
  const publicResults = db('survey_questions as q')
    .join('surveys as s', 's.id', 'q.survey_id')
    .whereRaw('s.consultation_id = consultations.id')
    .where('q.results_public', true)
    .select(db.raw('1'))
  const outcome = await db('consultations')
    .where({ id: consultationId })
    .first<{ feedback: boolean; results: boolean } | undefined>(
      db.raw('? as feedback', [outcomePublishedExpression(db, now)]),
      db.raw('EXISTS (?) as results', [publicResults]),
    )
  return outcome?.feedback ? 'feedback' : outcome?.results ? 'results' : null
}

/** Addresses of residents who asked to hear a consultation's outcome: kept apart from any response. */
export function createOutcomeRepository(db: Knex, now: () => Date) {
  return {
    /** What of the outcome is public: the feedback (We asked, You said, We did), else any results, else null. */
    publishedOutcome: (consultationId: number) => publishedOutcome(db, consultationId, now()),

    /**
     * Keeps the address unless the outcome is already published (its email would never be sent); false then.
     * The consultation's row is share-locked first: a publication in progress, which locks it in `take`, is
     * waited for and then seen, so no address is kept after its consultation's emails were queued.
     */
    async add(consultationId: number, email: string): Promise<boolean> {
      return db.transaction(async (trx) => {
        await trx('consultations').where({ id: consultationId }).forShare().first('id')
        // Its emails were queued when the feedback was published, even if it shows only from a later time.
        const queued = await trx('consultation_feedback')
          .where({ consultation_id: consultationId })
          .whereNotNull('published_at')
          .first<{ consultation_id: number } | undefined>('consultation_id')
        if (queued || (await publishedOutcome(trx, consultationId, now()))) return false
        await trx('outcome_requests').insert({ consultation_id: consultationId, email }).onConflict().ignore()
        return true
      })
    },

    /** The consultation's requests, deleted as read: their emails join the outbox in the same transaction. */
    async take(trx: Knex, consultationId: number): Promise<OutcomeRequest[]> {
      await trx('consultations').where({ id: consultationId }).forUpdate().first('id')
      const rows = await trx('outcome_requests as o')
        .join('consultations as c', 'c.id', 'o.consultation_id')
        .where('o.consultation_id', consultationId)
        .orderBy('o.id')
        .forUpdate()
        .select<{ id: number; email: string; slug: string; title: string }[]>('o.id', 'o.email', 'c.slug', 'c.title')
      await trx('outcome_requests')
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .delete()
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        consultationSlug: row.slug,
        consultationTitle: row.title,
      }))
    },
  }
}

export type OutcomeRepository = ReturnType<typeof createOutcomeRepository>
