import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import type { SurveyRepository } from '../surveys/repository'
import type { Survey } from '../surveys/types'
import { linesOf, publishedQuestions, redacted } from './answers'
import type { ModeratedResponse, ModerationStatus, PublishedResponseRepository } from './repository'

export interface PublishedResponseServiceDeps {
  db: Knex
  published: PublishedResponseRepository
  surveys: SurveyRepository
  audit: AuditService
  now: () => Date
}

export const PUBLIC_PAGE_SIZE = 20
export const QUEUE_PAGE_SIZE = 50

export type ModerationDecision = 'approve' | 'reject' | 'withdraw'
const DECISIONS: Record<ModerationDecision, { from: (ModerationStatus | null)[]; to: ModerationStatus }> = {
  approve: { from: ['awaiting', 'rejected', 'withdrawn'], to: 'approved' },
  reject: { from: ['awaiting'], to: 'rejected' },
  withdraw: { from: ['approved'], to: 'withdrawn' },
}

export type ModerationResult = { ok: true } | { ok: false; field: string; error: string }

export const NOT_TO_BE_PUBLISHED = 'The resident asked us not to publish this response, so it cannot be approved'

/** Who a response is published as: the name and organisation the resident gave, or nobody. */
function publishedAs({ consent, name, organisation }: ModeratedResponse): string {
  if (consent === 'with_name' && name) return organisation ? `${name}, ${organisation}` : name
  return organisation ?? 'Anonymous'
}

const pages = (total: number, size: number) => Math.max(1, Math.ceil(total / size))

export function createPublishedResponseService({ db, published, surveys, audit, now }: PublishedResponseServiceDeps) {
  async function questionsOf(consultationId: number) {
    const survey = await surveys.findByConsultationId(consultationId)
    return survey ? publishedQuestions(survey) : []
  }

  /** The response and its published answers, as the public sees them. */
  async function withAnswers(survey: Survey | null, responses: ModeratedResponse[], questionId?: number) {
    const questions = (survey ? publishedQuestions(survey) : []).filter(
      (question) => questionId === undefined || question.id === questionId,
    )
    const rows = await published.answers(
      responses.map((response) => response.id),
      questions.map((question) => question.id),
    )
    return responses.map((response) => ({
      reference: response.reference,
      submittedAt: response.submittedAt,
      publishedAs: publishedAs(response),
      answers: linesOf(
        questions,
        rows.filter((row) => row.responseId === response.id),
        'published',
      ),
    }))
  }

  return {
    publishedQuestions: questionsOf,

    hasPublished: (consultationId: number) => published.hasApproved(consultationId),

    /** A page of approved responses, optionally searched (over published answers) and limited to one question. */
    async list(consultationId: number, options: { search?: string; questionId?: number; page: number }) {
      const survey = await surveys.findByConsultationId(consultationId)
      const questionIds = survey ? publishedQuestions(survey).map((question) => question.id) : []
      const questionId = options.questionId && questionIds.includes(options.questionId) ? options.questionId : undefined
      const { responses, total } = await published.listApproved(consultationId, {
        questionIds,
        search: options.search,
        questionId,
        offset: (options.page - 1) * PUBLIC_PAGE_SIZE,
        limit: PUBLIC_PAGE_SIZE,
      })
      return {
        responses: await withAnswers(survey, responses, questionId),
        total,
        page: options.page,
        totalPages: pages(total, PUBLIC_PAGE_SIZE),
      }
    },

    async findPublished(consultationId: number, reference: string) {
      const response = await published.findApproved(consultationId, reference)
      if (!response) return null
      const [withLines] = await withAnswers(await surveys.findByConsultationId(consultationId), [response])
      return withLines ?? null
    },

    async queue(consultationId: number, page: number) {
      const { responses, total } = await published.queue(consultationId, {
        offset: (page - 1) * QUEUE_PAGE_SIZE,
        limit: QUEUE_PAGE_SIZE,
      })
      return { responses, total, page, totalPages: pages(total, QUEUE_PAGE_SIZE) }
    },

    /** One response for moderation: each published answer as written and as the public would see it. */
    async forModeration(consultationId: number, responseId: number) {
      const response = await published.find(consultationId, responseId)
      if (!response) return null
      const questions = await questionsOf(consultationId)
      const rows = await published.answers(
        [responseId],
        questions.map((question) => question.id),
      )
      const original = linesOf(questions, rows, 'original')
      const shown = linesOf(questions, rows, 'published')
      const answers = original.map(({ question, lines }, index) => ({
        question,
        original: lines,
        published: shown[index]?.lines ?? [],
        textAnswerIds: rows
          .filter((row) => row.questionId === question.id && row.textValue)
          .map((row) => ({ id: row.id, original: row.textValue ?? '' })),
      }))
      return { response, answers }
    },

    async decide(
      actor: Actor,
      consultationId: number,
      responseId: number,
      decision: ModerationDecision,
    ): Promise<ModerationResult> {
      return db.transaction(async (trx) => {
        const response = await published.find(consultationId, responseId, trx)
        if (!response) return { ok: false, field: 'decision', error: 'There is no such response' }
        if (response.consent === 'do_not_publish') return { ok: false, field: 'decision', error: NOT_TO_BE_PUBLISHED }
        const { from, to } = DECISIONS[decision]
        if (!from.includes(response.status))
          return { ok: false, field: 'decision', error: `A response that is ${response.status} cannot be ${to}` }
        await published.setStatus(trx, responseId, to, now())
        await audit.record(
          actor,
          {
            action: `response.${decision}`,
            entityType: 'response',
            entityId: response.reference,
            consultationId,
            before: { moderationStatus: response.status },
            after: { moderationStatus: to },
          },
          trx,
        )
        return { ok: true }
      })
    },

    /** Replaces the part in one answer with "[redacted]"; the audit log names the answer, never the words. */
    async redact(
      actor: Actor,
      consultationId: number,
      responseId: number,
      answerId: number,
      part: string,
    ): Promise<ModerationResult> {
      const questions = await questionsOf(consultationId)
      return db.transaction(async (trx) => {
        const response = await published.find(consultationId, responseId, trx)
        const [row] = response
          ? (
              await published.answers(
                [responseId],
                questions.map((question) => question.id),
                trx,
              )
            ).filter((candidate) => candidate.id === answerId && candidate.textValue)
          : []
        if (!response || !row) return { ok: false, field: 'answer', error: 'Select the answer to redact' }
        const text = redacted(row.redactedText ?? row.textValue ?? '', part)
        if (text === null) return { ok: false, field: 'part', error: 'Enter text that appears in the answer exactly' }
        await published.setRedactedText(trx, answerId, text)
        const question = questions.find((candidate) => candidate.id === row.questionId)
        await audit.record(
          actor,
          {
            action: 'response.redact',
            entityType: 'response',
            entityId: response.reference,
            consultationId,
            after: { question: question?.key ?? null, redactedCharacters: part.length },
          },
          trx,
        )
        return { ok: true }
      })
    },

    /** Responses waiting for moderation, by consultation (for the officers' dashboard). */
    countAwaitingModeration: () => published.countAwaiting(),
  }
}

export type PublishedResponseService = ReturnType<typeof createPublishedResponseService>
