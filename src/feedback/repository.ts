import type { Knex } from 'knex'
import type { Feedback } from '../consultations/types'

export type FeedbackRecord = Feedback

export interface FeedbackRow {
  we_asked: string
  you_said: string
  we_did: string
  published_at: Date | null
  feedback_updated_at: Date
  results_updated_at: Date | null
}

export const feedbackFromRow = (row: FeedbackRow): Feedback => ({
  weAsked: row.we_asked,
  youSaid: row.you_said,
  weDid: row.we_did,
  publishedAt: row.published_at ? new Date(row.published_at) : null,
  feedbackUpdatedAt: new Date(row.feedback_updated_at),
  resultsUpdatedAt: row.results_updated_at ? new Date(row.results_updated_at) : null,
})

export const feedbackToRow = (consultationId: number, feedback: Feedback) => ({
  consultation_id: consultationId,
  we_asked: feedback.weAsked,
  you_said: feedback.youSaid,
  we_did: feedback.weDid,
  published_at: feedback.publishedAt,
  feedback_updated_at: feedback.feedbackUpdatedAt,
  results_updated_at: feedback.resultsUpdatedAt,
})

export function createFeedbackRepository(db: Knex) {
  return {
    async find(consultationId: number, trx: Knex = db): Promise<FeedbackRecord | null> {
      const row = await trx('consultation_feedback')
        .where({ consultation_id: consultationId })
        .first<FeedbackRow | undefined>()
      return row ? feedbackFromRow(row) : null
    },

    async save(consultationId: number, feedback: FeedbackRecord, trx: Knex = db): Promise<void> {
      await trx('consultation_feedback')
        .insert(feedbackToRow(consultationId, feedback))
        .onConflict('consultation_id')
        .merge()
    },
  }
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>
