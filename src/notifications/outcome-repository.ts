import type { Knex } from 'knex'

export interface OutcomeRequest {
  id: number
  email: string
  consultationSlug: string
  consultationTitle: string
}

/** Addresses of residents who asked to hear a consultation's outcome: kept apart from any response. */
export function createOutcomeRepository(db: Knex) {
  return {
    async add(consultationId: number, email: string): Promise<void> {
      await db('outcome_requests').insert({ consultation_id: consultationId, email }).onConflict().ignore()
    },

    /** The consultation's requests, deleted as read: their emails join the outbox in the same transaction. */
    async take(trx: Knex, consultationId: number): Promise<OutcomeRequest[]> {
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
