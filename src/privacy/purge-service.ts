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

/** The run's result, or, when any consultation failed, an error naming them (after the others were purged). */
function finish(purged: PurgeCounts[], failures: { consultationId: number; error: unknown }[]): PurgeRun {
  if (failures.length === 0) return { ran: true, purged }
  const ids = failures.map((failure) => failure.consultationId).join(', ')
  throw new Error(`The personal-data purge failed for consultation ${ids}; ${purged.length} other(s) purged`, {
    cause: failures[0]?.error,
  })
}

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
    /**
     * Purges each due consultation in a transaction of its own, so a failure on one rolls back only that one
     * (the others stay purged; the next run tries it again) and a large purge holds no long transaction. Each
     * transaction takes the job's advisory lock and checks the consultation is still due, so two instances never
     * purge one twice; finding the lock held, this run stops and leaves the rest to the instance holding it.
     * When any consultation failed, the others are still done, then the run throws.
     */
    async runPurge(): Promise<PurgeRun> {
      const at = now()
      const purged: PurgeCounts[] = []
      const failures: { consultationId: number; error: unknown }[] = []
      for (const { id } of await purge.due(db, at)) {
        const run = await withAdvisoryLockIfFree(db, ADVISORY_LOCKS.purgePersonalData, async (trx) => {
          const [due] = await purge.due(trx, at, id)
          return due ? purgeOne(trx, due.id, due.surveyId, at) : null
        }).catch((error: unknown) => {
          failures.push({ consultationId: id, error })
          return { ran: true as const, result: null }
        })
        if (!run.ran) {
          if (purged.length === 0 && failures.length === 0) return { ran: false }
          break
        }
        if (run.result) purged.push(run.result)
      }
      return finish(purged, failures)
    },

    retention: () => purge.retention(now()),
  }
}

export type PurgeService = ReturnType<typeof createPurgeService>
