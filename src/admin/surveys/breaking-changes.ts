import type { Question } from '../../surveys/types'
import type { QuestionFields } from './builder-repository'

/**
 * Why a change to a question that residents have answered would orphan or reinterpret their answers,
 * or null when it would not (wording, hints, limits and new options are fine).
 */
export function breakingQuestionChange(
  before: Question,
  after: QuestionFields,
): { field: string; message: string } | null {
  const name = `“${before.title}”`
  if (before.type !== after.type) return { field: 'type', message: `You cannot change the type of ${name}` }
  const removedOption = before.options.find((option) => !after.options.some((kept) => kept.value === option.value))
  if (removedOption)
    return { field: 'newOptions', message: `You cannot remove the option “${removedOption.label}” from ${name}` }
  const removedStatement = before.statements.find(
    (statement) => !after.statements.some((kept) => kept.key === statement.key),
  )
  if (removedStatement)
    return {
      field: 'newStatements',
      message: `You cannot remove the statement “${removedStatement.label}” from ${name}`,
    }
  if (before.settings.allowOther && !after.settings.allowOther)
    return { field: 'allowOther', message: `You cannot turn off “Other, please specify” on ${name}` }
  return null
}
