import { z } from 'zod'
import { formText } from '../../shared/text'
import { formatNumber } from '../../shared/numbers'
import { DEFAULT_LONG_TEXT_LIMIT } from '../../surveys/answer-schemas'
import { optionsOf, SCALE_TYPES } from '../../surveys/answers'
import { QUESTION_TYPES, type Question, type QuestionSettings, type QuestionType } from '../../surveys/types'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { QuestionFields } from './builder-repository'
import { optionValue } from './definition'
import { MAX_MULTIPLE_CODE } from '../../surveys/choice-layout'

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice (radios)',
  multiple_choice: 'Multiple choice (checkboxes)',
  dropdown: 'Dropdown list',
  short_text: 'Short text',
  long_text: 'Long text',
  number: 'Number',
  date: 'Date',
  email: 'Email address',
  postcode: 'Postcode',
  agreement: 'Agreement scale (Strongly agree to Strongly disagree)',
  matrix: 'Matrix (several statements against the agreement scale)',
  consent: 'Consent (a single “I agree” box)',
}

/** Which settings each type has, so forms show only the fields that apply. */
export const TYPE_FEATURES = {
  options: ['single_choice', 'multiple_choice', 'dropdown', 'consent'] as QuestionType[],
  other: ['single_choice', 'multiple_choice', 'dropdown'] as QuestionType[],
  picks: ['multiple_choice'] as QuestionType[],
  maxLength: ['short_text', 'long_text'] as QuestionType[],
  range: ['number'] as QuestionType[],
  statements: ['matrix'] as QuestionType[],
  /** Answered on the standard agreement scale, which the form shows but does not edit. */
  scale: [...SCALE_TYPES],
}

export const questionTypeSchema = z.enum(QUESTION_TYPES, { error: 'Select the type of question' })

export interface QuestionFormValues {
  type: string
  title: string
  hint: string
  required: boolean
  personalData: boolean
  options: { value: string; label: string }[]
  removeOptions: string[]
  newOptions: string
  statements: { key: string; label: string }[]
  removeStatements: string[]
  newStatements: string
  minPicks: string
  maxPicks: string
  maxLength: string
  min: string
  max: string
  allowOther: boolean
  otherLabel: string
  /** The labels of the scale an agreement or matrix question is answered on, shown but not edited. */
  scale: string[]
}

const text = (body: Record<string, unknown>, name: string, fallback = '') =>
  typeof body[name] === 'string' ? body[name] : fallback
const list = (body: Record<string, unknown>, name: string) =>
  [body[name]].flat().filter((item): item is string => typeof item === 'string')
const setting = (value: number | undefined) => (value === undefined ? '' : String(value))

const scaleOf = (type: string, existing?: Question): string[] => {
  const known = questionTypeSchema.safeParse(type)
  if (!known.success || !SCALE_TYPES.includes(known.data)) return []
  const stored = existing?.type === known.data ? existing.options : []
  return optionsOf({ type: known.data, options: stored }).map((option) => option.label)
}

/** The form as the officer filled it in, or as it stands for an existing question. */
export function questionFormValues(
  body: Record<string, unknown> | null,
  existing?: Question,
  type?: string,
): QuestionFormValues {
  const chosenType = body ? text(body, 'type', existing?.type ?? type ?? '') : (existing?.type ?? type ?? '')
  const scale = scaleOf(chosenType, existing)
  // A scale is not edited as options, so changing an agreement question to radios starts with none.
  const editableOptions = existing && TYPE_FEATURES.options.includes(existing.type) ? existing.options : []
  if (!body) {
    const s = existing?.settings ?? {}
    return {
      type: existing?.type ?? type ?? '',
      title: existing?.title ?? '',
      hint: existing?.hint ?? '',
      required: existing?.required ?? false,
      personalData: existing?.personalData ?? false,
      options: editableOptions,
      removeOptions: [],
      newOptions: '',
      statements: existing?.statements ?? [],
      removeStatements: [],
      newStatements: '',
      minPicks: setting(s.minPicks),
      maxPicks: setting(s.maxPicks),
      maxLength: setting(s.maxLength),
      min: setting(s.min),
      max: setting(s.max),
      allowOther: s.allowOther ?? false,
      otherLabel: s.otherLabel ?? '',
      scale,
    }
  }
  return {
    type: chosenType,
    title: text(body, 'title'),
    hint: text(body, 'hint'),
    required: body.required === 'yes',
    personalData: body.personalData === 'yes',
    options: editableOptions.map((option) => ({ value: option.value, label: text(body, `option-${option.value}`) })),
    removeOptions: list(body, 'removeOptions'),
    newOptions: text(body, 'newOptions'),
    statements: (existing?.statements ?? []).map((statement) => ({
      key: statement.key,
      label: text(body, `statement-${statement.key}`),
    })),
    removeStatements: list(body, 'removeStatements'),
    newStatements: text(body, 'newStatements'),
    minPicks: text(body, 'minPicks'),
    maxPicks: text(body, 'maxPicks'),
    maxLength: text(body, 'maxLength'),
    min: text(body, 'min'),
    max: text(body, 'max'),
    allowOther: body.allowOther === 'yes',
    otherLabel: text(body, 'otherLabel'),
    scale,
  }
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
const label = (what: string) =>
  formText()
    .trim()
    .min(1, `Enter ${what}`)
    .max(500, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be 500 characters or less`)
const optionalWhole = (name: string, min: number, max: number) =>
  formText()
    .trim()
    .refine(
      (v) => v === '' || (/^\d{1,7}$/.test(v) && Number(v) >= min && Number(v) <= max),
      `${name} must be a whole number from ${min} to ${formatNumber(max)}`,
    )
    .transform((v) => (v === '' ? undefined : Number(v)))
const optionalNumber = (name: string) =>
  formText()
    .trim()
    .refine((v) => v === '' || /^-?\d{1,12}(\.\d{1,6})?$/.test(v), `${name} must be a number, like 0 or 100`)
    .transform((v) => (v === '' ? undefined : Number(v)))

const formSchema = z
  .object({
    type: questionTypeSchema,
    title: label('the question'),
    hint: formText('multi-line').trim().max(1000, 'The hint must be 1,000 characters or less'),
    required: z.boolean(),
    personalData: z.boolean(),
    options: z.array(z.object({ value: formText(), label: formText().trim() })),
    removeOptions: z.array(formText()),
    newOptions: formText('multi-line').max(20_000, 'The new options must be 20,000 characters or less'),
    statements: z.array(z.object({ key: formText(), label: formText().trim() })),
    removeStatements: z.array(formText()),
    newStatements: formText('multi-line').max(20_000, 'The new statements must be 20,000 characters or less'),
    minPicks: optionalWhole('The fewest options to pick', 1, 100),
    maxPicks: optionalWhole('The most options to pick', 1, 100),
    maxLength: optionalWhole('The character limit', 1, DEFAULT_LONG_TEXT_LIMIT),
    min: optionalNumber('The smallest number allowed'),
    max: optionalNumber('The largest number allowed'),
    allowOther: z.boolean(),
    otherLabel: formText().trim().max(100, 'The label for ‘Other’ must be 100 characters or less'),
  })
  .transform((form, ctx): QuestionFields => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const has = (feature: keyof typeof TYPE_FEATURES) => TYPE_FEATURES[feature].includes(form.type)
    const options: { value: string; label: string }[] = []
    if (has('options')) {
      for (const option of form.options.filter((o) => !form.removeOptions.includes(o.value))) {
        if (!option.label) issue(`option-${option.value}`, 'Enter the option’s label, or tick Remove')
        options.push(option)
      }
      for (const newLabel of lines(form.newOptions))
        options.push({
          value: optionValue(
            newLabel,
            options.map((o) => o.value),
          ),
          label: newLabel.slice(0, 500),
        })
      if (form.type === 'consent' && options.length !== 1)
        issue('newOptions', 'A consent question has exactly one option: the words the resident agrees to')
      if (form.type !== 'consent' && options.length < 2)
        issue('newOptions', 'Enter at least 2 options, one on each line')
      // Each checkbox answer is kept as a bit of a 64-bit number (see src/surveys/choice-layout.ts).
      if (form.type === 'multiple_choice' && options.length > MAX_MULTIPLE_CODE)
        issue('newOptions', `A question with checkboxes can have up to ${MAX_MULTIPLE_CODE} options`)
    }
    const statements: { key: string; label: string }[] = []
    if (has('statements')) {
      for (const statement of form.statements.filter((s) => !form.removeStatements.includes(s.key))) {
        if (!statement.label) issue(`statement-${statement.key}`, 'Enter the statement, or tick Remove')
        statements.push(statement)
      }
      for (const newLabel of lines(form.newStatements))
        statements.push({
          key: optionValue(
            newLabel,
            statements.map((s) => s.key),
          ).replace(/_/g, '-'),
          label: newLabel.slice(0, 500),
        })
      if (statements.length === 0) issue('newStatements', 'Enter at least 1 statement, one on each line')
    }
    const settings: QuestionSettings = {}
    if (has('picks')) {
      if (form.minPicks !== undefined && form.maxPicks !== undefined && form.minPicks > form.maxPicks)
        issue('minPicks', 'The fewest options to pick must not be more than the most')
      if (
        form.maxPicks !== undefined &&
        options.length > 0 &&
        form.maxPicks > options.length + (form.allowOther ? 1 : 0)
      )
        issue('maxPicks', 'The most options to pick must not be more than the number of options')
      Object.assign(
        settings,
        form.minPicks === undefined ? {} : { minPicks: form.minPicks },
        form.maxPicks === undefined ? {} : { maxPicks: form.maxPicks },
      )
    }
    if (has('maxLength') && form.maxLength !== undefined) settings.maxLength = form.maxLength
    if (has('range')) {
      if (form.min !== undefined && form.max !== undefined && form.min > form.max)
        issue('min', 'The smallest number allowed must not be more than the largest')
      Object.assign(
        settings,
        form.min === undefined ? {} : { min: form.min },
        form.max === undefined ? {} : { max: form.max },
      )
    }
    if (has('other') && form.allowOther)
      Object.assign(settings, { allowOther: true }, form.otherLabel ? { otherLabel: form.otherLabel } : {})
    return {
      type: form.type,
      title: form.title,
      hint: form.hint || null,
      required: form.required,
      personalData: form.personalData,
      settings,
      options,
      statements,
    }
  })

/**
 * Checks a question form. Settings the builder does not edit (such as an About you question's standard
 * name) are kept from the existing question.
 */
export function parseQuestionForm(
  values: QuestionFormValues,
  existing?: Question,
): { ok: true; fields: QuestionFields } | { ok: false; errors: FormErrors } {
  const parsed = formSchema.safeParse(values)
  if (!parsed.success)
    return { ok: false, errors: formErrorsOf(parsed.error, { type: `type`, removeOptions: 'newOptions' }) }
  const kept = existing
    ? { standard: existing.settings.standard, errorName: existing.settings.errorName, rows: existing.settings.rows }
    : {}
  const settings = Object.fromEntries(
    Object.entries({ ...kept, ...parsed.data.settings }).filter(([, value]) => value !== undefined),
  ) as QuestionSettings
  // Agreement and matrix scales are not edited here: they keep the options they were stored with, or take
  // the standard agreement scale (a question stored before its scale was, or one changed to this type).
  const keepsOptions = existing?.type === parsed.data.type && !TYPE_FEATURES.options.includes(existing.type)
  const options = optionsOf({ type: parsed.data.type, options: keepsOptions ? existing.options : parsed.data.options })
  return { ok: true, fields: { ...parsed.data, settings, options } }
}
