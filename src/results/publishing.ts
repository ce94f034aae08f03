import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import { disclose } from './disclosure'
import type { ConsultationRef, PublicQuestionResult } from './types'
import type { PublishingRepository } from './publishing-repository'
import { type ConsultationSurvey, type ResultsService, TEXT_TYPES } from './service'

/** Free text never goes public: only questions whose figures are counts or summaries can be published. */
export const canPublish = (type: string): boolean => !TEXT_TYPES.includes(type as (typeof TEXT_TYPES)[number])

export interface PublicResults {
  updatedAt: Date | null
  respondents: number
  results: PublicQuestionResult[]
  anyWithheld: boolean
}

/** What officers are told the public page withholds of one question's figures. */
export interface WithheldNote {
  number: number
  title: string
  figures: string[]
}

interface PublishingDeps {
  db: Knex
  publishing: PublishingRepository
  resultsService: ResultsService
  audit: AuditService
  now: () => Date
  /** Runs in the publishing transaction when some results go public: queues the outcome emails. */
  onPublish?: (trx: Knex, consultationId: number) => Promise<unknown>
}

export function createPublishingService({
  db,
  publishing,
  resultsService,
  audit,
  now,
  onPublish = () => Promise.resolve(),
}: PublishingDeps) {
  return {
    publicQuestionIds: (target: ConsultationSurvey) => publishing.publicQuestionIds(target.survey.id),

    /** Makes exactly these questions' results public, audited in the same transaction. */
    async publish(actor: Actor | null, target: ConsultationSurvey, questionKeys: string[]): Promise<number[]> {
      const ids = target.questions
        .filter(({ question }) => questionKeys.includes(question.key) && canPublish(question.type))
        .map(({ question }) => question.id)
      const consultationId = target.consultation.id
      await db.transaction(async (trx) => {
        await publishing.publish(trx, consultationId, target.survey.id, ids, now())
        const event = {
          action: 'results.publish',
          entityType: 'consultation',
          entityId: consultationId,
          consultationId,
        }
        await audit.record(actor, { ...event, after: { questionIds: ids } }, trx)
        if (ids.length > 0) await onPublish(trx, consultationId)
      })
      return ids
    },

    /** For each question that could be published, the figures the public page would withhold. */
    async withheldFromPublic(target: ConsultationSurvey): Promise<WithheldNote[]> {
      const results = await resultsService.allResults(target, {}, (question) => canPublish(question.type))
      return results
        .map((result) => ({ number: result.number, title: result.question.title, figures: disclose(result).withheld }))
        .filter((note) => note.figures.length > 0)
    },

    /** The published questions' figures over every response, those about fewer than 5 people withheld. */
    async publicResults(consultation: ConsultationRef): Promise<PublicResults | null> {
      const target = await resultsService.surveyOf(consultation)
      if (!target) return null
      const ids = await publishing.publicQuestionIds(target.survey.id)
      if (ids.size === 0) return null
      const results = await resultsService.allResults(
        target,
        {},
        (question) => ids.has(question.id) && canPublish(question.type),
      )
      const disclosed = results.map(disclose)
      return {
        updatedAt: await publishing.resultsUpdatedAt(consultation.id),
        respondents: results[0]?.respondents ?? 0,
        results: disclosed.map(({ published }) => published),
        anyWithheld: disclosed.some(({ withheld }) => withheld.length > 0),
      }
    },
  }
}

export type PublishingService = ReturnType<typeof createPublishingService>
