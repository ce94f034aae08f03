import type { Knex } from 'knex'

export interface FeedbackRecord {
  weAsked: string
  youSaid: string
  weDid: string
  publishedAt: Date | null
  feedbackUpdatedAt: Date
  resultsUpdatedAt: Date | null
}

export function createFeedbackRepository(db: Knex) {
  return {
    async find(consultationId: number, trx: Knex = db): Promise<FeedbackRecord | null> {
      const row = await trx('consultation_feedback').where({ consultation_id: consultationId }).first()
      if (!row) return null
      return {
        weAsked: row.we_asked,
        youSaid: row.you_said,
        weDid: row.we_did,
        publishedAt: row.published_at ? new Date(row.published_at) : null,
        feedbackUpdatedAt: new Date(row.feedback_updated_at),
        resultsUpdatedAt: row.results_updated_at ? new Date(row.results_updated_at) : null,
      }
    },

    async save(consultationId: number, feedback: FeedbackRecord, trx: Knex = db): Promise<void> {
      await trx('consultation_feedback')
        .insert({
          consultation_id: consultationId,
          we_asked: feedback.weAsked,
          you_said: feedback.youSaid,
          we_did: feedback.weDid,
          published_at: feedback.publishedAt,
          feedback_updated_at: feedback.feedbackUpdatedAt,
          results_updated_at: feedback.resultsUpdatedAt,
        })
        .onConflict('consultation_id')
        .merge()
    },
  }
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>
