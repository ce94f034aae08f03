import type { AnswerValue } from '../responses/types'
import { formatLondonDate, startOfLondonDay } from '../shared/dates'
import { formatPreciseNumber } from '../shared/numbers'
import { type Answer, optionsOf } from './answers'
import { OTHER_OPTION_VALUE, type Question } from './types'

const labelOf = (question: Question, value: string): string =>
  value === OTHER_OPTION_VALUE
    ? (question.settings.otherLabel ?? 'Other')
    : (optionsOf(question).find((option) => option.value === value)?.label ?? value)

/** An answer as lines of text for "Check your answers" and the printable copy. */
export function answerLines(question: Question, answer: Answer | null): string[] {
  if (!answer) return []
  switch (answer.kind) {
    case 'options':
      return answer.values.map((value) =>
        value === OTHER_OPTION_VALUE
          ? `${labelOf(question, value)}: ${answer.otherText ?? ''}`
          : labelOf(question, value),
      )
    case 'matrix':
      return question.statements.flatMap((statement) => {
        const value = answer.rows[statement.key]
        return value ? [`${statement.label}: ${labelOf(question, value)}`] : []
      })
    case 'text':
      return [answer.value]
    case 'number':
      return [formatPreciseNumber(answer.value)]
    case 'date':
      return [formatLondonDate(startOfLondonDay(answer.value))]
  }
}

/** An answer as the normalised rows of response_answers (see src/responses/types.ts). */
export function answerValues(question: Question, answer: Answer | null): AnswerValue[] {
  if (!answer) return []
  const questionId = question.id
  switch (answer.kind) {
    case 'options':
      return answer.values.map((value) => ({
        questionId,
        optionValue: value,
        textValue: value === OTHER_OPTION_VALUE ? (answer.otherText ?? null) : null,
      }))
    case 'matrix':
      return question.statements.flatMap((statement) => {
        const value = answer.rows[statement.key]
        return value ? [{ questionId, statementKey: statement.key, optionValue: value }] : []
      })
    case 'text':
      return [{ questionId, textValue: answer.value }]
    case 'number':
      return [{ questionId, numberValue: answer.value }]
    case 'date':
      return [{ questionId, dateValue: answer.value }]
  }
}

/** An answer as lines of text, from its stored rows: what answerLines gives for the answer that was stored. */
export function storedAnswerLines(question: Question, values: AnswerValue[]): string[] {
  const matrixRows = values.filter((value) => value.statementKey)
  if (matrixRows.length > 0) {
    const rows = Object.fromEntries(matrixRows.map((value) => [value.statementKey ?? '', value.optionValue ?? '']))
    return answerLines(question, { kind: 'matrix', rows })
  }
  const options = values.filter((value) => value.optionValue !== null && value.optionValue !== undefined)
  if (options.length > 0) {
    const otherText = options.find((value) => value.optionValue === OTHER_OPTION_VALUE)?.textValue ?? undefined
    return answerLines(question, {
      kind: 'options',
      values: options.map((value) => value.optionValue ?? ''),
      otherText,
    })
  }
  return values.flatMap((value) => {
    if (value.textValue !== null && value.textValue !== undefined) return [value.textValue]
    if (value.numberValue !== null && value.numberValue !== undefined)
      return answerLines(question, { kind: 'number', value: value.numberValue })
    if (value.dateValue) return answerLines(question, { kind: 'date', value: value.dateValue })
    return []
  })
}
