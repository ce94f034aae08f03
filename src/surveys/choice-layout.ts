import type { AnswerValue } from '../responses/types'
import { OTHER_OPTION_VALUE } from './types'

/**
 * Each response also keeps its choice answers as numbers in one array, responses.choice_codes, so the
 * results count a question, or cross two, in one pass over a consultation's responses with no join.
 * Each choice question of a survey has a slot in the array (each statement of a matrix, one of its own),
 * and each option a code. A slot holds the code of the option chosen, or for a question that takes
 * several answers, a bit per option chosen (bit `code`). Slots are numbered from 1, as SQL arrays are.
 */
export interface QuestionLayout {
  multiple: boolean
  slot: number | null
  statementSlots: Record<string, number>
  codes: Record<string, number>
}

export interface ChoiceLayout {
  questions: Map<number, QuestionLayout>
}

/** The code of "Other, please specify"; the options count from 1. */
export const OTHER_CODE = 0
/** The highest code a question that takes several answers can use: its bits fit a signed 64-bit number. */
export const MAX_MULTIPLE_CODE = 62

export const codeOf = (layout: QuestionLayout, value: string): number | undefined =>
  value === OTHER_OPTION_VALUE ? OTHER_CODE : layout.codes[value]

/** A response's answers as its choice_codes array: null where a slot's question was not answered. */
export function choiceCodesOf(layout: ChoiceLayout, answers: AnswerValue[]): (string | null)[] {
  const slots: (bigint | null)[] = []
  for (const { questionId, statementKey, optionValue } of answers) {
    const question = layout.questions.get(questionId)
    const code = question && optionValue != null ? codeOf(question, optionValue) : undefined
    const slot = question && (statementKey != null ? question.statementSlots[statementKey] : question.slot)
    if (question === undefined || code === undefined || slot == null) continue
    if (question.multiple && code > MAX_MULTIPLE_CODE)
      throw new Error(`Option code ${code} of question ${questionId} does not fit its answers' bits`)
    const value = question.multiple ? (slots[slot - 1] ?? 0n) | (1n << BigInt(code)) : BigInt(code)
    slots[slot - 1] = value
  }
  // As text, which pg passes to PostgreSQL exactly, past JavaScript's safe integers.
  return Array.from(slots, (value) => (value == null ? null : value.toString()))
}
