import { textLimitOf } from './answer-schemas'
import type { FormErrors } from '../shared/form-errors'
import {
  DATE_PARTS,
  type FieldValues,
  chosenValues,
  dateFieldName,
  matrixFieldName,
  optionsOf,
  otherFieldName,
} from './answers'
import { OTHER_OPTION_VALUE, type Question } from './types'

/** Which govuk-frontend macro renders a question, and its parameters. */
export interface QuestionView {
  macro: 'radios' | 'checkboxes' | 'select' | 'input' | 'characterCount' | 'dateInput' | 'matrix'
  params: Record<string, unknown>
  /** Matrix rows: one radios group per statement. */
  rows?: Record<string, unknown>[]
  /** The "Other, please specify" text box of a choice question. */
  other?: Record<string, unknown>
}

const scalar = (values: FieldValues, name: string): string => {
  const value = values[name]
  return typeof value === 'string' ? value : ''
}

export function questionView(question: Question, values: FieldValues, errors: FormErrors['fieldErrors']): QuestionView {
  const title = question.required ? question.title : `${question.title} (optional)`
  const hint = question.hint ? { text: question.hint } : undefined
  const errorFor = (name: string) => errors[name]
  const legend = { text: title, classes: 'govuk-fieldset__legend--m' }
  const label = { text: title, classes: 'govuk-label--m' }
  const chosen = chosenValues(question, values)
  const choiceItems = () => {
    const items: Record<string, unknown>[] = optionsOf(question).map((option) => ({
      value: option.value,
      text: option.label,
      checked: chosen.includes(option.value),
    }))
    if (question.type === 'agreement' && items.length > 1) items.splice(items.length - 1, 0, { divider: 'or' })
    if (question.settings.allowOther && question.type !== 'agreement') {
      items.push({
        value: OTHER_OPTION_VALUE,
        text: question.settings.otherLabel ?? 'Other',
        checked: chosen.includes(OTHER_OPTION_VALUE),
      })
    }
    return items
  }
  const otherName = otherFieldName(question)
  const other = question.settings.allowOther
    ? {
        id: otherName,
        name: otherName,
        label: { text: `If you chose ‘${question.settings.otherLabel ?? 'Other'}’, please give details` },
        value: scalar(values, otherName),
        errorMessage: errorFor(otherName),
        spellcheck: true,
      }
    : undefined
  const choiceParams = {
    name: question.key,
    idPrefix: question.key,
    fieldset: { legend },
    hint,
    errorMessage: errorFor(question.key),
    items: choiceItems(),
  }

  switch (question.type) {
    case 'single_choice':
    case 'agreement':
      return { macro: 'radios', params: choiceParams, other }
    case 'multiple_choice': {
      const { minPicks, maxPicks } = question.settings
      const picks = maxPicks
        ? `Select up to ${maxPicks}.`
        : minPicks
          ? `Select at least ${minPicks}.`
          : 'Select all that apply.'
      return {
        macro: 'checkboxes',
        params: { ...choiceParams, hint: { text: [question.hint, picks].filter(Boolean).join(' ') } },
        other,
      }
    }
    case 'consent':
      return { macro: 'checkboxes', params: choiceParams }
    case 'dropdown':
      return {
        macro: 'select',
        params: {
          id: question.key,
          name: question.key,
          label,
          hint,
          errorMessage: errorFor(question.key),
          items: [
            { value: '', text: 'Choose an answer', selected: chosen.length === 0 },
            ...choiceItems().map((item) => ({ ...item, selected: item.checked })),
          ],
        },
        other,
      }
    case 'long_text':
      return {
        macro: 'characterCount',
        params: {
          id: question.key,
          name: question.key,
          label,
          hint,
          errorMessage: errorFor(question.key),
          value: scalar(values, question.key),
          maxlength: textLimitOf(question),
          rows: question.settings.rows ?? 5,
          spellcheck: true,
        },
      }
    case 'date':
      return {
        macro: 'dateInput',
        params: {
          id: question.key,
          namePrefix: question.key,
          fieldset: { legend },
          hint: { text: [question.hint, 'For example, 27 3 2007'].filter(Boolean).join('. ') },
          errorMessage:
            errorFor(dateFieldName(question, 'day')) ??
            errorFor(dateFieldName(question, 'month')) ??
            errorFor(dateFieldName(question, 'year')),
          items: DATE_PARTS.map((part) => ({
            name: part,
            value: scalar(values, dateFieldName(question, part)),
            classes:
              (part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2') +
              (errors[dateFieldName(question, part)] ? ' govuk-input--error' : ''),
          })),
        },
      }
    case 'matrix':
      return {
        macro: 'matrix',
        params: { legend, hint },
        rows: question.statements.map((statement) => {
          const name = matrixFieldName(question, statement.key)
          return {
            name,
            idPrefix: name,
            classes: 'govuk-radios--small',
            fieldset: { legend: { text: statement.label, classes: 'govuk-fieldset__legend--s' } },
            errorMessage: errorFor(name),
            items: optionsOf(question).map((option) => ({
              value: option.value,
              text: option.label,
              checked: scalar(values, name) === option.value,
            })),
          }
        }),
      }
    default: {
      const kind = {
        email: { type: 'email', autocomplete: 'email', spellcheck: false, classes: 'govuk-!-width-two-thirds' },
        postcode: { autocomplete: 'postal-code', spellcheck: false, classes: 'govuk-input--width-10' },
        number: { inputmode: 'decimal', spellcheck: false, classes: 'govuk-input--width-10' },
        short_text: { spellcheck: true },
      }[question.type]
      return {
        macro: 'input',
        params: {
          id: question.key,
          name: question.key,
          label,
          hint,
          errorMessage: errorFor(question.key),
          value: scalar(values, question.key),
          ...kind,
        },
      }
    }
  }
}
