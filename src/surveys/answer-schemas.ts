import { keptWith } from '../page-cache/kept-reads'
import { DateTime } from 'luxon'
import { formErrorsFrom, type FormErrors } from '../shared/form-errors'
import { cleanText } from '../shared/text'
import { z } from 'zod'
import {
  type Answer,
  DATE_PARTS,
  optionsOf,
  type FieldValues,
  dateFieldName,
  matrixFieldName,
  otherFieldName,
} from './answers'
import { aboutYouProblem } from './about-you'
import { publishingProblem } from './publishing'
import { validationMessages } from './messages'
import { OTHER_OPTION_VALUE, type Question, type SurveyPage } from './types'

type AnswerSchema = z.ZodType<Answer | null>

export const DEFAULT_SHORT_TEXT_LIMIT = 500
export const DEFAULT_LONG_TEXT_LIMIT = 5000
export const OTHER_TEXT_LIMIT = 500
const EMAIL_LIMIT = 254
/** response_answers.number_value is numeric(20, 6). */
const NUMBER_LIMIT = 1e12
/** A UK postcode without its space: the outward code (area and district), then the inward code. */
const POSTCODE_OUTWARD = '[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])'
const POSTCODE_INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}'
const UK_POSTCODE = new RegExp(`^(GIR0AA|${POSTCODE_OUTWARD}${POSTCODE_INWARD})$`)

const blankToUndefined = (value: unknown) => {
  if (typeof value !== 'string') return value
  const text = cleanText(value).trim()
  return text === '' ? undefined : text
}
/** An optional or required field: blank means not answered. */
const field = <T extends z.ZodType>(schema: T, required: boolean) =>
  z.preprocess(blankToUndefined, required ? schema : schema.optional())

export const textLimitOf = (question: Question): number =>
  question.settings.maxLength ?? (question.type === 'long_text' ? DEFAULT_LONG_TEXT_LIMIT : DEFAULT_SHORT_TEXT_LIMIT)

function optionValuesOf(question: Question): [string, ...string[]] {
  const values = optionsOf(question).map((option) => option.value)
  if (question.settings.allowOther && question.type !== 'agreement') values.push(OTHER_OPTION_VALUE)
  return values.length > 0 ? (values as [string, ...string[]]) : ['']
}

function singleChoiceSchema(question: Question): AnswerSchema {
  const messages = validationMessages(question)
  const otherName = otherFieldName(question)
  return z
    .object({
      [question.key]: field(z.enum(optionValuesOf(question), { error: messages.select }), question.required),
      [otherName]: field(
        z.string({ error: messages.otherTooLong }).max(OTHER_TEXT_LIMIT, { error: messages.otherTooLong }),
        false,
      ),
    })
    .superRefine((fields, ctx) => {
      if (fields[question.key] === OTHER_OPTION_VALUE && !fields[otherName])
        ctx.addIssue({ code: 'custom', message: messages.otherMissing, path: [otherName] })
    })
    .transform((fields): Answer | null => {
      const value = fields[question.key]
      if (!value) return null
      return value === OTHER_OPTION_VALUE
        ? { kind: 'options', values: [value], otherText: fields[otherName] as string }
        : { kind: 'options', values: [value] }
    })
}

function multipleChoiceSchema(question: Question): AnswerSchema {
  const messages = validationMessages(question)
  const otherName = otherFieldName(question)
  const { minPicks, maxPicks } = question.settings
  const asList = (value: unknown) => (value === undefined ? [] : typeof value === 'string' ? [value] : value)
  return z
    .object({
      [question.key]: z.preprocess(
        asList,
        z.array(z.enum(optionValuesOf(question), { error: messages.select }), { error: messages.select }),
      ),
      [otherName]: field(
        z.string({ error: messages.otherTooLong }).max(OTHER_TEXT_LIMIT, { error: messages.otherTooLong }),
        false,
      ),
    })
    .superRefine((fields, ctx) => {
      const picks = new Set(fields[question.key] as string[])
      const issue = (message: string, path = question.key) => ctx.addIssue({ code: 'custom', message, path: [path] })
      if (picks.size === 0 && question.required) issue(messages.select)
      else if (picks.size > 0 && minPicks && picks.size < minPicks) issue(messages.tooFewPicks(minPicks))
      else if (maxPicks && picks.size > maxPicks) issue(messages.tooManyPicks(maxPicks))
      if (picks.has(OTHER_OPTION_VALUE) && !fields[otherName]) issue(messages.otherMissing, otherName)
    })
    .transform((fields): Answer | null => {
      const values = [...new Set(fields[question.key] as string[])]
      if (values.length === 0) return null
      return values.includes(OTHER_OPTION_VALUE)
        ? { kind: 'options', values, otherText: fields[otherName] as string }
        : { kind: 'options', values }
    })
}

function matrixSchema(question: Question): AnswerSchema {
  const values = optionValuesOf(question)
  const shape = Object.fromEntries(
    question.statements.map((statement) => [
      matrixFieldName(question, statement.key),
      field(
        z.enum(values, { error: validationMessages(question).matrixRow(statement.label, optionsOf(question)) }),
        question.required,
      ),
    ]),
  )
  return z.object(shape).transform((fields): Answer | null => {
    const rows: Record<string, string> = {}
    for (const statement of question.statements) {
      const value = fields[matrixFieldName(question, statement.key)]
      if (value) rows[statement.key] = value
    }
    return Object.keys(rows).length > 0 ? { kind: 'matrix', rows } : null
  })
}

function textSchema(
  question: Question,
  refine: (text: z.ZodString) => z.ZodType<string> = (text) => text,
): AnswerSchema {
  const messages = validationMessages(question)
  const limit = textLimitOf(question)
  return z
    .object({
      [question.key]: field(
        refine(z.string({ error: messages.enter }).max(limit, { error: messages.tooLong(limit) })),
        question.required,
      ),
    })
    .transform((fields): Answer | null => {
      const value = fields[question.key]
      return value ? { kind: 'text', value } : null
    })
}

function emailSchema(question: Question): AnswerSchema {
  const message = validationMessages(question).emailFormat
  return textSchema(question, (text) => text.max(EMAIL_LIMIT, { error: message }).pipe(z.email({ error: message })))
}

/** "le1  6zg" → "LE1 6ZG" */
export function normalisePostcode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

function postcodeSchema(question: Question): AnswerSchema {
  const message = validationMessages(question).postcodeFormat
  return textSchema(question, (text) =>
    text
      .max(16, { error: message })
      .refine((value) => UK_POSTCODE.test(value.replace(/\s+/g, '').toUpperCase()), { error: message })
      .transform(normalisePostcode),
  )
}

function numberSchema(question: Question): AnswerSchema {
  const messages = validationMessages(question)
  const min = question.settings.min ?? -NUMBER_LIMIT
  const max = question.settings.max ?? NUMBER_LIMIT
  const number = z
    .string({ error: messages.enter })
    .transform((text) => text.replace(/,/g, ''))
    .pipe(z.string().regex(/^-?\d{1,13}(\.\d{1,6})?$/, { error: messages.notANumber }))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: messages.numberRange(question.settings.min, question.settings.max) })
        .max(max, { error: messages.numberRange(question.settings.min, question.settings.max) }),
    )
  return z.object({ [question.key]: field(number, question.required) }).transform((fields): Answer | null => {
    const value = fields[question.key]
    return value === undefined ? null : { kind: 'number', value }
  })
}

function dateSchema(question: Question): AnswerSchema {
  const messages = validationMessages(question)
  const part = z.preprocess(
    blankToUndefined,
    z.string({ error: messages.realDate }).max(4, { error: messages.realDate }).optional(),
  )
  const names = Object.fromEntries(DATE_PARTS.map((name) => [name, dateFieldName(question, name)])) as Record<
    (typeof DATE_PARTS)[number],
    string
  >
  return z
    .object({ [names.day]: part, [names.month]: part, [names.year]: part })
    .transform((fields, ctx): Answer | null => {
      const [day, month, year] = [fields[names.day], fields[names.month], fields[names.year]]
      const missing = DATE_PARTS.filter((name) => fields[names[name]] === undefined)
      const issue = (message: string, partName: (typeof DATE_PARTS)[number] = 'day') => {
        ctx.addIssue({ code: 'custom', message, path: [names[partName]] })
        return z.NEVER
      }
      if (missing.length === 3) return question.required ? issue(messages.enter) : null
      // The first missing part is the one to mark.
      if (day === undefined || month === undefined || year === undefined)
        return issue(messages.dateMissing(missing), missing[0])
      if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) return issue(messages.realDate)
      if (year.length !== 4) return issue(messages.yearDigits, 'year')
      const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: 'utc' })
      if (!date.isValid) return issue(messages.realDate)
      return { kind: 'date', value: date.toISODate() }
    })
}

function consentSchema(question: Question): AnswerSchema {
  const messages = validationMessages(question)
  const values = question.options.length > 0 ? optionValuesOf(question) : (['yes'] as [string])
  return z
    .object({ [question.key]: field(z.enum(values, { error: messages.select }), question.required) })
    .transform((fields): Answer | null => {
      const value = fields[question.key]
      return value ? { kind: 'options', values: [value] } : null
    })
}

/** The zod schema for one question's form fields, built from its definition. */
export function answerSchemaFor(question: Question): AnswerSchema {
  switch (question.type) {
    case 'single_choice':
    case 'dropdown':
    case 'agreement':
      return singleChoiceSchema(question)
    case 'multiple_choice':
      return multipleChoiceSchema(question)
    case 'matrix':
      return matrixSchema(question)
    case 'short_text':
    case 'long_text':
      return textSchema(question)
    case 'email':
      return emailSchema(question)
    case 'postcode':
      return postcodeSchema(question)
    case 'number':
      return numberSchema(question)
    case 'date':
      return dateSchema(question)
    case 'consent':
      return consentSchema(question)
  }
}

/**
 * Schemas of question definitions that cannot change (a kept survey's), built once: zod
 * compiles a schema on its first use, which cost more than the check itself on every page a resident sent.
 */
const schemaOf: (question: Question) => AnswerSchema = keptWith(answerSchemaFor)

export interface PageValidation {
  answers: Map<string, Answer | null>
  /** The first problem of each form field, in page order, in the one GOV.UK error shape. */
  errors: FormErrors
}

export const isValid = (validation: PageValidation): boolean => validation.errors.errorSummaryItems.length === 0

export function validatePage(page: SurveyPage, fields: FieldValues): PageValidation {
  const answers = new Map<string, Answer | null>()
  const messages: Record<string, string> = {}
  const parsed = page.questions.map((question) => ({ question, parsed: schemaOf(question).safeParse(fields) }))
  for (const { question, parsed: answer } of parsed) if (answer.success) answers.set(question.key, answer.data)
  // In page order, so the error summary lists problems in the order of the fields.
  for (const { question, parsed: answer } of parsed) {
    const crossQuestion = aboutYouProblem(page, question, answers) ?? publishingProblem(question, answers)
    const issues = answer.success
      ? crossQuestion
        ? [{ path: [question.key], message: crossQuestion }]
        : []
      : answer.error.issues
    for (const issue of issues) {
      messages[String(issue.path[0] ?? question.key)] ??= issue.message
    }
  }
  return { answers, errors: formErrorsFrom(messages) }
}
