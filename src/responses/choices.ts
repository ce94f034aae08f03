import type { AnswerValue } from './types'

/**
 * A response's choice answers in one value, stored beside it in responses.choices: each question's id
 * gives the options chosen (an array, of one for a single choice), or for a matrix its statements' options.
 * The results count a question, or cross two, in one pass over a consultation's responses, with no join.
 *   { "12": ["agree"], "13": ["walk", "play"], "14": { "parking": "disagree" } }
 */
export type ResponseChoices = Record<string, string[] | Record<string, string>>

export function choicesOf(answers: AnswerValue[]): ResponseChoices {
  const choices: ResponseChoices = {}
  for (const { questionId, statementKey, optionValue } of answers) {
    if (optionValue == null) continue
    const key = String(questionId)
    if (statementKey != null) choices[key] = { ...(choices[key] as Record<string, string> | undefined), [statementKey]: optionValue }
    else choices[key] = [...((choices[key] as string[] | undefined) ?? []), optionValue]
  }
  return choices
}
