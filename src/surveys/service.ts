import crypto from 'node:crypto'
import type { Knex } from 'knex'
import type { ConsultationRepository } from '../consultations/repository'
import type { ConsultationDetail } from '../consultations/types'
import { withNewReference } from '../responses/reference'
import type { ResponseRepository } from '../responses/repository'
import type { AnswerValue, NewResponse } from '../responses/types'
import type { DraftRepository } from './drafts-repository'
import type { CompletedPages } from './routing'
import { definitionProblems } from './routing'
import type { SurveyRepository } from './repository'
import { draftAnswersSchema } from './schemas'
import type { NewSurvey, Survey } from './types'
import { present } from '../shared/present'
import { splitPublishingAnswers, withPublishingPage } from './publishing'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import type { KeptReads } from '../page-cache/kept-reads'
import type { ChoiceLayout } from './choice-layout'
import type { ChoiceLayoutRepository } from './choice-layout-repository'
import type { SubmissionLimits } from './response-limits'
import { NO_COUNTED_LIMITS } from '../rate-limit/repository'

export interface SurveyServiceDeps {
  db: Knex
  consultations: ConsultationRepository
  surveys: SurveyRepository
  responses: ResponseRepository
  drafts: DraftRepository
  choiceLayouts: ChoiceLayoutRepository
  now: () => Date
  /** Keeps what findSurvey reads while the content stays the same (src/page-cache/kept-reads.ts). */
  keptContexts?: KeptReads<SurveyContext>
}

export interface SurveyContext {
  consultation: ConsultationDetail
  survey: Survey
  /** Where the survey's choice answers are stored, read with it (slots and codes never change once given). */
  layout: ChoiceLayout
}

/** Thrown when a survey is submitted or saved outside its consultation's open dates. */
export class SurveyNotOpenError extends Error {
  constructor() {
    super('The consultation is not open')
  }
}

/** Thrown when a new response goes over its sender's limit; nothing of it is kept. */
export class TooManyResponsesError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many responses from this sender')
  }
}

/** How a resident's submission is stored: the draft it finishes, and the limits that count it. */
export interface SubmitOptions {
  draftId?: number
  /** Counted in the statement that stores the response, which is not stored if any is full. */
  limits?: SubmissionLimits
}

const NO_LIMITS: SubmissionLimits = {
  counted: NO_COUNTED_LIMITS,
  refusal: () => ({ allowed: true }),
}

export class SurveyDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The survey cannot be saved: ${problems.join('; ')}`)
  }
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

export function createSurveyService({
  db,
  consultations,
  surveys,
  responses,
  drafts,
  choiceLayouts,
  now,
  keptContexts = (_slug, read) => read(),
}: SurveyServiceDeps) {
  function assertOpen(context: SurveyContext): void {
    const at = now()
    if (context.consultation.opensAt > at || context.consultation.closesAt < at) throw new SurveyNotOpenError()
  }

  return {
    /** A published consultation and its survey, with the consultation's status as of now. */
    findSurvey(slug: string): Promise<SurveyContext | null> {
      return keptContexts(slug, async () => {
        const consultation = await consultations.findPublishedBySlug(slug, now())
        if (!consultation) return null
        const survey = await surveys.findByConsultationId(consultation.id)
        if (!survey || survey.pages.length === 0) return null
        return { consultation, survey: withPublishingPage(survey), layout: await choiceLayouts.layoutOf(survey.id) }
      })
    },

    /**
     * Stores the response and all its answers, counted against the sender's limits, in one statement: whole or
     * not at all. A replay with the same submission key stores nothing, is not counted, and returns the first
     * response's reference. Throws TooManyResponsesError, having stored nothing, when a limit is full.
     */
    async submit(
      context: SurveyContext,
      answers: AnswerValue[],
      submissionKey: string,
      { draftId, limits = NO_LIMITS }: SubmitOptions = {},
    ): Promise<{ reference: string; duplicate: boolean }> {
      assertOpen(context)
      const { answers: surveyAnswers, publishing } = splitPublishingAnswers(answers)
      return withNewReference(async (reference) => {
        const stored = await responses.insertCounted(
          {
            consultationId: context.consultation.id,
            surveyId: context.survey.id,
            reference,
            channel: 'online',
            submissionKey,
            answers: surveyAnswers,
            publishing,
          },
          context.layout,
          limits.counted,
          draftId,
        )
        if (stored.stored) return { reference: stored.reference, duplicate: stored.duplicate }
        const refusal = limits.refusal(stored.overKeys)
        throw new TooManyResponsesError(refusal.allowed ? 0 : refusal.retryAfterSeconds)
      })
    },

    /** Deletes drafts whose consultation has closed, on one instance at a time (a scheduled job). */
    removeExpiredDrafts: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.draftExpiry, (trx) => drafts.deleteExpired(now(), trx)),

    /** Saves the answers so far; only the returned token can find them again, until the consultation closes. */
    async saveDraft(
      context: SurveyContext,
      completed: CompletedPages,
      replacesDraftId?: number,
    ): Promise<{ token: string; draftId: number; expiresAt: Date }> {
      assertOpen(context)
      const token = crypto.randomBytes(32).toString('base64url')
      const expiresAt = context.consultation.closesAt
      const draftId = await db.transaction(async (trx) => {
        const id = await drafts.insert(trx, {
          consultationId: context.consultation.id,
          tokenHash: hashToken(token),
          answers: { completed },
          expiresAt,
        })
        if (replacesDraftId) await drafts.replace(trx, replacesDraftId, id)
        return id
      })
      return { token, draftId, expiresAt }
    },

    async resumeDraft(
      context: SurveyContext,
      token: string,
    ): Promise<{ completed: CompletedPages; draftId: number } | null> {
      const draft = await drafts.findActive(context.consultation.id, hashToken(token), now())
      if (!draft) return null
      const parsed = draftAnswersSchema.safeParse(draft.answers)
      return parsed.success ? { completed: parsed.data.completed, draftId: draft.id } : null
    },

    /** When a saved draft's resume link stops working; null for a token that finds no live draft. */
    async draftExpiry(context: SurveyContext, token: string): Promise<Date | null> {
      const draft = await drafts.findActive(context.consultation.id, hashToken(token), now())
      return draft?.expiresAt ?? null
    },

    /** Stores seeded sample responses (marked is_sample), all in one transaction. */
    async insertSampleResponses(list: NewResponse[]): Promise<void> {
      await db.transaction(async (trx) => {
        for (const response of list) await responses.insert(trx, { ...response, isSample: true })
      })
    },

    /** Replaces a consultation's survey, refusing a definition whose routes go backwards (and so could loop). */
    async replaceSurvey(consultationId: number, survey: NewSurvey, trx?: Knex.Transaction): Promise<Survey> {
      const problems = definitionProblems(survey)
      if (problems.length > 0) throw new SurveyDefinitionError(problems)
      const write = async (inner: Knex.Transaction) => {
        await surveys.deleteByConsultationId(inner, consultationId)
        await surveys.insert(inner, consultationId, survey)
        return present(await surveys.findByConsultationId(consultationId, inner), 'The survey just written')
      }
      return trx ? write(trx) : db.transaction(write)
    },
  }
}

export type SurveyService = ReturnType<typeof createSurveyService>
