import { AGREEMENT_SCALE, type Question, type QuestionOption, type QuestionType } from './types'
import { present } from '../shared/present'
import { cleanText } from '../shared/text'

/** What a resident typed or picked on one page, by form field name, exactly as the browser sent it. */
export type FieldValues = Record<string, string | string[]>

/** A validated answer to one question. `null` means an optional question left blank. */
export type Answer =
  | { kind: 'options'; values: string[]; otherText?: string }
  | { kind: 'matrix'; rows: Record<string, string> }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: string }

/** Question types answered on a scale: the standard agreement scale, unless stored with a scale of their own. */
export const SCALE_TYPES: readonly QuestionType[] = ['agreement', 'matrix']

/** A question's choices; agreement and matrix questions default to the agreement scale. */
export function optionsOf(question: Pick<Question, 'type' | 'options'>): QuestionOption[] {
  if (question.options.length > 0 || !SCALE_TYPES.includes(question.type)) return question.options
  return AGREEMENT_SCALE.map((option) => ({ ...option }))
}

export const DATE_PARTS = ['day', 'month', 'year'] as const

export const otherFieldName = (question: Question): string => `${question.key}-other`
export const matrixFieldName = (question: Question, statementKey: string): string => `${question.key}-${statementKey}`
export const dateFieldName = (question: Question, part: (typeof DATE_PARTS)[number]): string =>
  `${question.key}-${part}`

/** Every form field a question owns; anything else in a request body is ignored. */
export function fieldNamesOf(question: Question): string[] {
  switch (question.type) {
    case 'matrix':
      return question.statements.map((statement) => matrixFieldName(question, statement.key))
    case 'date':
      return DATE_PARTS.map((part) => dateFieldName(question, part))
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return question.settings.allowOther ? [question.key, otherFieldName(question)] : [question.key]
    default:
      return [question.key]
  }
}

/** The id of the first input of a question, which an error summary link moves focus to. */
export function firstInputId(question: Question): string {
  return present(fieldNamesOf(question)[0], `The first input of question ${question.key}`)
}

/** Copies a question's own fields out of a request body, keeping only strings and arrays of strings. */
export function pickFields(questions: Question[], body: unknown): FieldValues {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const picked: FieldValues = {}
  for (const name of questions.flatMap(fieldNamesOf)) {
    if (!Object.hasOwn(source, name)) continue
    const value = source[name]
    if (typeof value === 'string') picked[name] = cleanText(value)
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      picked[name] = value.map((item) => cleanText(item))
  }
  return picked
}

/** The option values chosen in a question's fields, for routing and for ticking boxes again. */
export function chosenValues(question: Question, fields: FieldValues): string[] {
  const value = fields[question.key]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
