import type { Knex } from 'knex'

export function createPublishingRepository(db: Knex) {
  return {
    async publicQuestionIds(surveyId: number): Promise<Set<number>> {
      const ids = await db('survey_questions').where({ survey_id: surveyId, results_public: true }).pluck('id')
      return new Set(ids.map(Number))
    },

    async resultsUpdatedAt(consultationId: number): Promise<Date | null> {
      const row = await db('consultation_feedback')
        .where({ consultation_id: consultationId })
        .first<{ results_updated_at: Date | string | null } | undefined>('results_updated_at')
      return row?.results_updated_at ? new Date(row.results_updated_at) : null
    },

    /**
     * Makes exactly these questions' results public and stamps "Results updated". A consultation with
     * no feedback yet gets an unpublished, empty feedback row to carry the date.
     */
    async publish(trx: Knex, consultationId: number, surveyId: number, questionIds: number[], at: Date): Promise<void> {
      await trx('survey_questions').where({ survey_id: surveyId }).update({ results_public: false })
      if (questionIds.length > 0)
        await trx('survey_questions')
          .where({ survey_id: surveyId })
          .whereIn('id', questionIds)
          .update({ results_public: true })
      await trx('consultation_feedback')
        .insert({
          consultation_id: consultationId,
          we_asked: '',
          you_said: '',
          we_did: '',
          published_at: null,
          feedback_updated_at: at,
          results_updated_at: at,
        })
        .onConflict('consultation_id')
        .merge(['results_updated_at'])
    },
  }
}

export type PublishingRepository = ReturnType<typeof createPublishingRepository>
