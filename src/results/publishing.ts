import type { ConsultationRef, QuestionResult } from './types'
import type { PublishingRepository } from './publishing-repository'
import { type ConsultationSurvey, type ResultsService, TEXT_TYPES } from './service'

/** Free text never goes public: only questions whose figures are counts or summaries can be published. */
export const canPublish = (type: string): boolean => !TEXT_TYPES.includes(type as (typeof TEXT_TYPES)[number])

export interface PublicResults {
  updatedAt: Date | null
  respondents: number
  results: QuestionResult[]
}

export function createPublishingService({ publishing, resultsService, now }: { publishing: PublishingRepository; resultsService: ResultsService; now: () => Date }) {
  return {
    publicQuestionIds: (target: ConsultationSurvey) => publishing.publicQuestionIds(target.survey.id),

    async publish(target: ConsultationSurvey, questionKeys: string[]): Promise<number[]> {
      const ids = target.questions.filter(({ question }) => questionKeys.includes(question.key) && canPublish(question.type)).map(({ question }) => question.id)
      await publishing.publish(target.consultation.id, target.survey.id, ids, now())
      return ids
    },

    /** The published questions' figures over every response, for the public overview page. */
    async publicResults(consultation: ConsultationRef): Promise<PublicResults | null> {
      const target = await resultsService.surveyOf(consultation)
      if (!target) return null
      const ids = await publishing.publicQuestionIds(target.survey.id)
      if (ids.size === 0) return null
      const results = await resultsService.allResults(target, {}, (question) => ids.has(question.id) && canPublish(question.type))
      return { updatedAt: await publishing.resultsUpdatedAt(consultation.id), respondents: results[0]?.respondents ?? 0, results }
    },
  }
}

export type PublishingService = ReturnType<typeof createPublishingService>
