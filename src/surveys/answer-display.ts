import type { AnswerValue } from '../responses/types'
import { formatLondonDate, startOfLondonDay } from '../shared/dates'
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
      return [answer.value.toLocaleString('en-GB', { maximumFractionDigits: 6 })]
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
