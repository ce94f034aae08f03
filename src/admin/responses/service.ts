import type { Knex } from 'knex'
import type { Actor, AuditService } from '../../audit/service'
import { withNewReference } from '../../responses/reference'
import type { ResponseRepository } from '../../responses/repository'
import type { AnswerValue } from '../../responses/types'
import { answerLines, answerValues } from '../../surveys/answer-display'
import { formErrorsFrom } from '../../shared/form-errors'
import { present } from '../../shared/present'
import { isValid, type PageValidation, validatePage } from '../../surveys/answer-schemas'
import { dateFieldName, type FieldValues, matrixFieldName, pickFields } from '../../surveys/answers'
import type { SurveyRepository } from '../../surveys/repository'
import type { ReviewSection } from '../../surveys/review'
import type { Question, Survey, SurveyPage } from '../../surveys/types'
import type { ResponseAdminRepository, ResponseFilter, StoredResponse } from './repository'
import { storedAnswer } from './stored-answers'

export const RESPONSES_PER_PAGE = 25

/** The pages a paper form covers: every survey page, and About you when it is switched on. */
export const paperPages = (survey: Survey): SurveyPage[] => [
  ...survey.pages.filter((page) => !page.isAboutYou),
  ...(survey.aboutYouEnabled ? survey.pages.filter((page) => page.isAboutYou) : []),
]

/** Paper forms are often incomplete, so every question may be left blank; everything else is checked as online. */
const optionalPage = (page: SurveyPage): SurveyPage => ({
  ...page,
  questions: page.questions.map((question) => ({ ...question, required: false })),
})

export const NO_ANSWERS = 'Enter at least one answer from the paper form'

/** The id of a question's first input, where an error about the whole form points. */
const firstFieldOf = (question: Question): string =>
  question.type === 'date'
    ? dateFieldName(question, 'day')
    : question.type === 'matrix' && question.statements[0]
      ? matrixFieldName(question, question.statements[0].key)
      : question.key

export function createResponseAdminService(deps: {
  db: Knex
  surveys: SurveyRepository
  responses: ResponseRepository
  admin: ResponseAdminRepository
  audit: AuditService
  now: () => Date
}) {
  const { db, surveys, responses, admin, audit } = deps

  return {
    survey: (consultationId: number) => surveys.findByConsultationId(consultationId),

    async list(consultationId: number, filter: ResponseFilter, page: number) {
      const first = await admin.list(consultationId, filter, RESPONSES_PER_PAGE, (page - 1) * RESPONSES_PER_PAGE)
      const totalPages = Math.max(1, Math.ceil(first.total / RESPONSES_PER_PAGE))
      if (page <= totalPages) return { ...first, page, totalPages }
      return {
        ...(await admin.list(consultationId, filter, RESPONSES_PER_PAGE, (totalPages - 1) * RESPONSES_PER_PAGE)),
        page: totalPages,
        totalPages,
      }
    },

    /** One response with its answers laid out page by page, as the resident gave them. */
    async get(
      consultationId: number,
      responseId: number,
    ): Promise<{ response: StoredResponse; sections: ReviewSection[] } | null> {
      const [response, survey] = await Promise.all([
        admin.find(consultationId, responseId),
        surveys.findByConsultationId(consultationId),
      ])
      if (!response || !survey) return null
      const rows = await admin.answers(responseId)
      const sections = survey.pages
        .map((page) => ({
          title: page.title,
          rows: page.questions.map((question) => {
            const answer = storedAnswer(
              question,
              rows.filter((row) => row.questionId === question.id),
            )
            return {
              title: question.title,
              lines: answerLines(question, answer),
              pageKey: page.key,
              fieldId: question.key,
            }
          }),
        }))
        .filter(
          (section, index) =>
            !present(survey.pages[index], 'Survey page').isAboutYou ||
            survey.aboutYouEnabled ||
            section.rows.some((row) => row.lines.length > 0),
        )
      return { response, sections }
    },

    /** Checks a paper form with the survey's own rules, except that blanks are allowed. */
    validatePaper(
      survey: Survey,
      body: unknown,
    ): { fields: FieldValues; validation: PageValidation; values: AnswerValue[] } {
      const pages = paperPages(survey).map(optionalPage)
      const fields = pickFields(
        pages.flatMap((page) => page.questions),
        body,
      )
      const validation: PageValidation = { answers: new Map(), errors: { errorSummaryItems: [], fieldErrors: {} } }
      const values: AnswerValue[] = []
      for (const page of pages) {
        const result = validatePage(page, fields)
        Object.assign(validation.errors.fieldErrors, result.errors.fieldErrors)
        validation.errors.errorSummaryItems.push(...result.errors.errorSummaryItems)
        for (const question of page.questions)
          values.push(...answerValues(question, result.answers.get(question.key) ?? null))
      }
      // A form with every question blank would be stored as an empty response: ask for an answer instead.
      const first = pages.flatMap((page) => page.questions)[0]
      if (first && values.length === 0 && isValid(validation)) {
        validation.errors = formErrorsFrom({ [firstFieldOf(first)]: NO_ANSWERS })
      }
      return { fields, validation, values }
    },

    /** Stores a paper response entered by an officer; allowed after the close, because postal replies arrive late. */
    async enterPaper(
      actor: Actor,
      consultationId: number,
      survey: Survey,
      values: AnswerValue[],
    ): Promise<{ id: number; reference: string }> {
      return withNewReference((reference) =>
        db.transaction(async (trx) => {
          const stored = await responses.insert(trx, {
            consultationId,
            surveyId: survey.id,
            reference,
            channel: 'paper',
            enteredByUserId: actor.id,
            answers: values,
          })
          await audit.record(
            actor,
            {
              action: 'response.paper.create',
              entityType: 'response',
              entityId: stored.id,
              consultationId,
              after: { reference: stored.reference, channel: 'paper', answers: values.length },
            },
            trx,
          )
          return { id: stored.id, reference: stored.reference }
        }),
      )
    },

    findByReference: (reference: string) => admin.findByReference(reference),

    /** Deletes one response and its answers, for a data-subject request. */
    async delete(actor: Actor, consultationId: number, responseId: number): Promise<StoredResponse | null> {
      return db.transaction(async (trx) => {
        const response = await admin.find(consultationId, responseId, trx)
        if (!response) return null
        await admin.delete(trx, responseId)
        await audit.record(
          actor,
          {
            action: 'response.delete',
            entityType: 'response',
            entityId: responseId,
            consultationId,
            before: { reference: response.reference, channel: response.channel, submittedAt: response.submittedAt },
          },
          trx,
        )
        return response
      })
    },
  }
}

export type ResponseAdminService = ReturnType<typeof createResponseAdminService>
