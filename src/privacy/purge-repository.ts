import type { Knex } from 'knex'

export interface DueConsultation {
  id: number
  surveyId: number | null
}

export interface RetentionRow {
  slug: string
  title: string
  closesAt: Date
  retentionMonths: number
  purgeDueAt: Date
}

interface RetentionDbRow {
  slug: string
  title: string
  closes_at: Date | string
  retention_months: number
  purge_due_at: Date | string
}

/** When a consultation's personal data is due to be purged, in SQL over the consultations table named `table`. */
export const purgeDueAt = (table: string) => `${table}.closes_at + ${table}.retention_months * interval '1 month'`
const PURGE_DUE_AT = purgeDueAt('c')

/** The reads and deletes of the personal-data purge, and the retention figures the privacy notice shows. */
export function createPurgeRepository(db: Knex) {
  return {
    /**
     * Consultations past their retention period with responses (or drafts) the purge has not been through; with
     * `onlyId`, that consultation if it is one of them.
     */
    async due(trx: Knex, now: Date, onlyId?: number): Promise<DueConsultation[]> {
      const rows = await trx('consultations as c')
        .leftJoin('surveys as s', 's.consultation_id', 'c.id')
        .modify((query) => {
          if (onlyId !== undefined) query.where('c.id', onlyId)
        })
        .whereRaw(`${PURGE_DUE_AT} <= ?`, [now])
        .where((unpurged) => {
          unpurged.whereNull('c.personal_data_purged_at').orWhereExists((later) => {
            later
              .select(trx.raw('1'))
              .from('responses as r')
              .whereRaw('r.consultation_id = c.id')
              .whereRaw('r.id > c.personal_data_purged_through_id')
          })
        })
        .orderBy('c.id')
        .select<{ id: number; survey_id: number | null }[]>('c.id', 's.id as survey_id')
      return rows.map((row) => ({ id: row.id, surveyId: row.survey_id }))
    },

    /** Deletes the answers to the given questions; gives how many answers went, and from how many responses. */
    async deleteAnswers(
      trx: Knex,
      consultationId: number,
      questionIds: number[],
    ): Promise<{ answers: number; responses: number }> {
      if (questionIds.length === 0) return { answers: 0, responses: 0 }
      const deleted = await trx('response_answers')
        .whereIn('question_id', questionIds)
        .whereIn('response_id', trx('responses').where({ consultation_id: consultationId }).select('id'))
        .delete()
        .returning<{ response_id: string | number }[]>('response_id')
      return { answers: deleted.length, responses: new Set(deleted.map((row) => String(row.response_id))).size }
    },

    /** Empties the given slots of every response's choice codes, leaving the other slots as they were. */
    async clearChoiceSlots(trx: Knex, consultationId: number, slots: number[]): Promise<void> {
      for (const slot of slots) {
        await trx.raw(
          `update responses set choice_codes[?::int] = null
           where consultation_id = ? and cardinality(choice_codes) >= ?`,
          [slot, consultationId, slot],
        )
      }
    },

    /** Clears the names and organisations residents chose to publish with; gives how many responses had one. */
    async clearPublishedNames(trx: Knex, consultationId: number): Promise<number> {
      const cleared = await trx('responses')
        .where({ consultation_id: consultationId })
        .where((named) => {
          named.whereNotNull('published_name').orWhereNotNull('published_organisation')
        })
        .update({ published_name: null, published_organisation: null })
        .returning<{ id: string | number }[]>('id')
      return cleared.length
    },

    /** Addresses left to hear the outcome, which never came before the retention date. */
    async deleteOutcomeRequests(trx: Knex, consultationId: number): Promise<void> {
      await trx('outcome_requests').where({ consultation_id: consultationId }).delete()
    },

    async deleteDrafts(trx: Knex, consultationId: number): Promise<number> {
      const deleted = await trx('survey_drafts')
        .where({ consultation_id: consultationId })
        .delete()
        .returning<{ id: string | number }[]>('id')
      return deleted.length
    },

    /** Drops the results computed from the answers as they were, and records how far the purge has been. */
    async markPurged(trx: Knex, consultationId: number, now: Date): Promise<void> {
      await trx('results_cache').where({ consultation_id: consultationId }).delete()
      await trx('consultations')
        .where({ id: consultationId })
        .update({
          personal_data_purged_at: now,
          personal_data_purged_through_id: trx('responses').where({ consultation_id: consultationId }).max('id'),
        })
    },

    /** Published consultations that are open or whose personal data is still kept, soonest purge first. */
    async retention(now: Date): Promise<RetentionRow[]> {
      const rows = await db('consultations as c')
        .whereNotNull('c.published_at')
        .where('c.opens_at', '<=', now)
        .whereRaw(`${PURGE_DUE_AT} > ?`, [now])
        .orderByRaw(`${PURGE_DUE_AT}, c.title`)
        .select<RetentionDbRow[]>(
          'c.slug',
          'c.title',
          'c.closes_at',
          'c.retention_months',
          db.raw(`${PURGE_DUE_AT} as purge_due_at`),
        )
      return rows.map((row) => ({
        slug: row.slug,
        title: row.title,
        closesAt: new Date(row.closes_at),
        retentionMonths: row.retention_months,
        purgeDueAt: new Date(row.purge_due_at),
      }))
    },
  }
}

export type PurgeRepository = ReturnType<typeof createPurgeRepository>
