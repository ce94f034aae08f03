import type { Answer } from '../../surveys/answers'
import { OTHER_OPTION_VALUE, type Question } from '../../surveys/types'
import type { StoredAnswerRow } from './repository'

/** Rebuilds one question's answer from its stored rows, so it can be shown as the resident gave it. */
export function storedAnswer(question: Question, rows: StoredAnswerRow[]): Answer | null {
  const [first] = rows
  if (!first) return null
  switch (question.type) {
    case 'matrix':
      return {
        kind: 'matrix',
        rows: Object.fromEntries(
          rows.flatMap((row): [string, string][] =>
            row.statementKey && row.optionValue ? [[row.statementKey, row.optionValue]] : [],
          ),
        ),
      }
    case 'number':
      return first.numberValue === null ? null : { kind: 'number', value: Number(first.numberValue) }
    case 'date':
      return first.dateValue ? { kind: 'date', value: first.dateValue.slice(0, 10) } : null
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'postcode':
      return first.textValue === null ? null : { kind: 'text', value: first.textValue }
    default: {
      const other = rows.find((row) => row.optionValue === OTHER_OPTION_VALUE)
      const values = rows.map((row) => row.optionValue).filter((value): value is string => Boolean(value))
      return { kind: 'options', values, ...(other ? { otherText: other.textValue ?? '' } : {}) }
    }
  }
}
