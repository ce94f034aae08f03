import type { Knex } from 'knex'
import type { AuditEvent } from '../../audit/service'
import { formatNumber } from '../../shared/numbers'
import { optionsOf } from '../../surveys/answers'
import type { NewSurvey, Question, Survey, SurveyPage } from '../../surveys/types'
import type { QuestionFields, SurveyBuilderRepository } from './builder-repository'
import type { DefinitionPage } from './definition'

export type Direction = 'up' | 'down'

/** What a planned change sees: the survey as it stands, in the change's transaction. */
export interface ChangeContext {
  trx: Knex.Transaction
  builder: SurveyBuilderRepository
  survey: Survey
  surveyId: number
  responseCount: number
}

/**
 * A change to a survey, planned before anything is written: the definition it would leave (checked as a
 * whole), the write itself and its audit entry; or why it is refused. Null when what it names is not there.
 */
export type Plan =
  | { error: string; field?: string }
  | {
      candidate: NewSurvey
      write: (() => Promise<number>) | (() => Promise<void>)
      audit: Omit<AuditEvent, 'consultationId'>
    }

export const responsesText = (count: number) =>
  `the survey already has ${formatNumber(count)} response${count === 1 ? '' : 's'}`
export const questionSummary = (question: QuestionFields | Question) => ({
  type: question.type,
  title: question.title,
  hint: question.hint,
  required: question.required,
  personalData: question.personalData,
  settings: question.settings,
  options: question.options.map((option) => option.label),
  statements: question.statements.map((statement) => statement.label),
})

/**
 * A question as it is stored: an agreement or matrix question keeps its scale as options, like any other
 * choice, so its answers get codes (src/surveys/choice-layout.ts), are counted, routed on and exported as labels.
 */
export const withScale = (question: QuestionFields): QuestionFields => ({ ...question, options: optionsOf(question) })

/** Moves one item up or down a list; null when it is already at that end. */
export function moved<T>(list: T[], index: number, direction: Direction): T[] | null {
  const to = direction === 'up' ? index - 1 : index + 1
  if (index < 0 || to < 0 || to >= list.length) return null
  const copy = [...list]
  copy.splice(to, 0, ...copy.splice(index, 1))
  return copy
}

/** The definition with one page changed (or dropped, when `update` gives null). */
export const withPage = (
  definition: NewSurvey,
  pageKey: string,
  update: (page: DefinitionPage) => DefinitionPage | null,
): NewSurvey => ({
  ...definition,
  pages: definition.pages.flatMap((page) => (page.key === pageKey ? (update(page) ?? []) : [page])),
})
/** A question of the survey and the page it is on. */
export const findQuestion = (survey: Survey, questionId: number): { page: SurveyPage; question: Question } | null => {
  for (const page of survey.pages) {
    const question = page.questions.find((candidate) => candidate.id === questionId)
    if (question) return { page, question }
  }
  return null
}
