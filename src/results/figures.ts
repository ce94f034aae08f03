import { AGREE_VALUES, DISAGREE_VALUES, OTHER_OPTION_VALUE, type Question, type QuestionOption } from '../surveys/types'
import type { OptionCountRow } from './choice-repository'
import type { AgreementFigures, ChoiceFigures, Figure, OptionFigure, StatementFigures } from './types'

/** A percentage of a base, unrounded; 0 when nobody is in the base. */
export const percentOf = (count: number, base: number): number => (base > 0 ? (count * 100) / base : 0)

const figure = (count: number, respondents: number, answered: number): Figure => ({
  count,
  ofRespondents: percentOf(count, respondents),
  ofAnswered: percentOf(count, answered),
})

/** The question's options in order, with "Other" last when the question offers it. */
export function optionsWithOther(question: Question): QuestionOption[] {
  if (!question.settings.allowOther) return question.options
  return [...question.options, { value: OTHER_OPTION_VALUE, label: question.settings.otherLabel ?? 'Other' }]
}

export const isAgreementScale = (question: Question): boolean =>
  question.type === 'agreement' ||
  (AGREE_VALUES.some((value) => question.options.some((option) => option.value === value)) &&
    DISAGREE_VALUES.some((value) => question.options.some((option) => option.value === value)))

function agreementOf(
  question: Question,
  options: OptionFigure[],
  respondents: number,
  answered: number,
): AgreementFigures | null {
  if (!isAgreementScale(question)) return null
  const sum = (values: readonly string[]) =>
    options.filter((option) => values.includes(option.value)).reduce((total, option) => total + option.count, 0)
  return {
    agree: figure(sum(AGREE_VALUES), respondents, answered),
    disagree: figure(sum(DISAGREE_VALUES), respondents, answered),
  }
}

/** Figures for one set of options (a whole question, or one matrix statement) from its counted rows. */
export function choiceFigures(
  question: Question,
  rows: OptionCountRow[],
  respondents: number,
  answered: number,
): ChoiceFigures {
  const countOf = (value: string) => rows.find((row) => row.optionValue === value)?.count ?? 0
  const options = optionsWithOther(question).map((option) => ({
    ...option,
    ...figure(countOf(option.value), respondents, answered),
  }))
  return { answered, options, agreement: agreementOf(question, options, respondents, answered) }
}

export function statementFigures(question: Question, rows: OptionCountRow[], respondents: number): StatementFigures[] {
  return question.statements.map((statement) => {
    const forStatement = rows.filter((row) => row.statementKey === statement.key)
    const answered = forStatement.find((row) => row.optionValue === null)?.count ?? 0
    return {
      key: statement.key,
      label: statement.label,
      ...choiceFigures(
        question,
        forStatement.filter((row) => row.optionValue !== null),
        respondents,
        answered,
      ),
    }
  })
}
