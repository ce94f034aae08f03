import type { Knex } from 'knex'
import type { AuditService } from '../audit/service'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import type { ChoiceLayout } from '../surveys/choice-layout'
import type { ChoiceLayoutRepository } from '../surveys/choice-layout-repository'
import type { SurveyRepository } from '../surveys/repository'
import { personalQuestionsOf } from './personal-data'
import type { PurgeRepository } from './purge-repository'

/** What one consultation's purge removed: counts only, never what was said. */
export interface PurgeCounts {
  consultationId: number
  personalQuestions: number
  answersDeleted: number
  responsesAffected: number
  draftsDeleted: number
  publishedNamesRemoved: number
}

export type PurgeRun = { ran: false } | { ran: true; purged: PurgeCounts[] }

/** The choice_codes slots that hold the given questions' answers. */
const slotsOf = (layout: ChoiceLayout, questionIds: number[]): number[] =>
  questionIds.flatMap((id) => {
    const question = layout.questions.get(id)
    if (!question) return []
    return [...(question.slot === null ? [] : [question.slot]), ...Object.values(question.statementSlots)]
  })

/**
 * Deletes personal data once each consultation's retention period after its close has passed: the answers to
 * its personal questions (About you, emails, organisation names, anything marked personal), the names and
 * organisations residents chose to publish with (their published responses become anonymous) and any saved
 * drafts. Other answers stay, with their choice codes, so the results of non-personal questions are unchanged.
 * One instance runs it at a time; another that finds it running skips this turn.
 */
export function createPurgeService(deps: {
  db: Knex
  purge: PurgeRepository
  surveys: SurveyRepository
  choiceLayouts: ChoiceLayoutRepository
  audit: AuditService
  now: () => Date
}) {
  const { db, purge, surveys, choiceLayouts, audit, now } = deps

  async function purgeOne(trx: Knex, consultationId: number, surveyId: number | null, at: Date): Promise<PurgeCounts> {
    const survey = surveyId === null ? null : await surveys.findByConsultationId(consultationId, trx)
    const questionIds = survey ? personalQuestionsOf(survey).map((question) => question.id) : []
    const deleted = await purge.deleteAnswers(trx, consultationId, questionIds)
    if (survey)
      await purge.clearChoiceSlots(
        trx,
        consultationId,
        slotsOf(await choiceLayouts.layoutOf(survey.id, trx), questionIds),
      )
    const removed = {
      personalQuestions: questionIds.length,
      answersDeleted: deleted.answers,
      responsesAffected: deleted.responses,
      draftsDeleted: await purge.deleteDrafts(trx, consultationId),
      publishedNamesRemoved: await purge.clearPublishedNames(trx, consultationId),
    }
    await purge.deleteOutcomeRequests(trx, consultationId)
    await purge.markPurged(trx, consultationId, at)
    await audit.record(
      null,
      {
        action: 'personal-data.purge',
        entityType: 'consultation',
        entityId: consultationId,
        consultationId,
        after: removed,
      },
      trx,
    )
    return { consultationId, ...removed }
  }

  return {
    async runPurge(): Promise<PurgeRun> {
      const at = now()
      return withAdvisoryLockIfFree(db, ADVISORY_LOCKS.purgePersonalData, async (trx) => {
        const purged: PurgeCounts[] = []
        for (const due of await purge.due(trx, at)) purged.push(await purgeOne(trx, due.id, due.surveyId, at))
        return purged
      }).then((run) => (run.ran ? { ran: true, purged: run.result } : { ran: false }))
    },

    retention: () => purge.retention(now()),
  }
}

export type PurgeService = ReturnType<typeof createPurgeService>
