import { AGREE_VALUES, DISAGREE_VALUES } from '../surveys/types'
import type {
  ChoiceFigures,
  Disclosed,
  Figure,
  PublicChoiceFigures,
  PublicFigure,
  PublicQuestionFigures,
  PublicQuestionResult,
  QuestionResult,
  Withheld,
  WithheldReason,
} from './types'

/** No published figure may be about fewer than this many people. */
export const SUPPRESSION_THRESHOLD = 5

/** A count of 1 to 4 people. None is no one, so 0 may be shown. */
export const isTooFew = (count: number): boolean => count > 0 && count < SUPPRESSION_THRESHOLD

export const WITHHELD_TEXT: Record<WithheldReason, string> = {
  'too-few': 'fewer than 5',
  'protects-another': 'withheld',
}

/** One count that is the sum of others, by their positions in a list of counts. */
export interface Sum {
  total: number
  parts: number[]
}

const EPSILON = 1e-9

/**
 * Whether the hidden count at `target` follows exactly from the shown counts and the sums: whether, with the
 * sums over the hidden counts brought to reduced row echelon form, one row names it alone.
 */
function isDerivable(target: number, hidden: readonly boolean[], sums: readonly Sum[]): boolean {
  const columns = hidden.flatMap((isHidden, index) => (isHidden ? [index] : []))
  const rows = sums.map((sum) =>
    columns.map((index) => (index === sum.total ? 1 : 0) - sum.parts.filter((part) => part === index).length),
  )
  let pivotRow = 0
  let targetRow = -1
  columns.forEach((index, column) => {
    const found = rows.findIndex((row, at) => at >= pivotRow && Math.abs(row[column] ?? 0) > EPSILON)
    const row = rows[found]
    if (!row) return
    const pivot = row.map((value) => value / (row[column] ?? 1))
    rows.splice(found, 1)
    rows.splice(pivotRow, 0, pivot)
    rows.forEach((other, at) => {
      const factor = other[column] ?? 0
      if (at !== pivotRow && Math.abs(factor) > EPSILON)
        rows[at] = other.map((value, c) => value - factor * (pivot[c] ?? 0))
    })
    if (index === target) targetRow = pivotRow
    pivotRow += 1
  })
  const onlyTarget = rows[targetRow]?.every((value, c) => columns[c] === target || Math.abs(value) < EPSILON)
  return onlyTarget ?? false
}

/**
 * Which counts to withhold: each of 1 to 4 people (or, with `hideEmpty`, of none), then as few more as it takes
 * that none of those can be worked out from the shown counts and the sums, smallest first. A count in `keepShown`
 * (a base that percentages are of) is withheld only for being too few.
 */
export function withheldCounts(
  counts: readonly number[],
  sums: readonly Sum[],
  { hideEmpty = false, keepShown = [] }: { hideEmpty?: boolean; keepShown?: readonly number[] } = {},
): (WithheldReason | null)[] {
  const reasons = counts.map((count): WithheldReason | null =>
    isTooFew(count) || (hideEmpty && count === 0) ? 'too-few' : null,
  )
  const inASum = (index: number) => sums.some((sum) => sum.total === index || sum.parts.includes(index))
  for (;;) {
    const hidden = reasons.map((reason) => reason !== null)
    const exposed = hidden.findIndex((isHidden, index) => isHidden && isDerivable(index, hidden, sums))
    if (exposed < 0) return reasons
    const candidates = counts
      .map((count, index) => ({ count, index }))
      .filter(({ count, index }) => !hidden[index] && count > 0 && inASum(index) && !keepShown.includes(index))
      .sort((a, b) => a.count - b.count)
    const hiding = (index: number) => hidden.map((isHidden, at) => isHidden || at === index)
    const chosen = candidates.find(({ index }) => !isDerivable(exposed, hiding(index), sums)) ?? candidates[0]
    if (!chosen) return reasons
    reasons[chosen.index] = 'protects-another'
  }
}

const disclosed = <T>(value: T, reason: WithheldReason | null | undefined): Disclosed<T> =>
  reason ? { withheld: reason } : value

const figureOf = (figure: Figure, reason: WithheldReason | null | undefined, baseShown: boolean): PublicFigure => ({
  count: disclosed(figure.count, reason),
  ofRespondents: disclosed(figure.ofRespondents, reason),
  ofAnswered: disclosed(figure.ofAnswered, reason ?? (baseShown ? null : 'protects-another')),
})

const NOTE_REASONS: Record<WithheldReason, string> = {
  'too-few': 'fewer than 5',
  'protects-another': 'withheld so that a count of fewer than 5 cannot be worked out',
}

const noteOf = (label: string, reason: WithheldReason) => `${label} (${NOTE_REASONS[reason]})`

/**
 * A set of options' figures with counts of fewer than 5 withheld. When each respondent gives one answer, the
 * options add up to those who answered; the combined agree and disagree rows add up their options.
 */
function discloseChoice(figures: ChoiceFigures, oneAnswer: boolean): { figures: PublicChoiceFigures; notes: string[] } {
  const { options, agreement } = figures
  const combined = agreement ? [agreement.agree, agreement.disagree] : []
  const counts = [figures.answered, ...options.map((option) => option.count), ...combined.map((row) => row.count)]
  const partsOf = (values: readonly string[]) =>
    options.flatMap((option, index) => (values.includes(option.value) ? [index + 1] : []))
  const sums: Sum[] = [
    ...(oneAnswer ? [{ total: 0, parts: options.map((_, index) => index + 1) }] : []),
    ...(agreement
      ? [
          { total: options.length + 1, parts: partsOf(AGREE_VALUES) },
          { total: options.length + 2, parts: partsOf(DISAGREE_VALUES) },
        ]
      : []),
  ]
  const reasons = withheldCounts(counts, sums, { keepShown: [0] })
  const baseShown = reasons[0] === null
  const combinedLabels = ["'Agree (strongly agree or agree)'", "'Disagree (disagree or strongly disagree)'"]
  const labels = ['the number who answered', ...options.map((option) => `'${option.label}'`), ...combinedLabels]
  return {
    figures: {
      answered: disclosed(figures.answered, reasons[0]),
      options: options.map((option, index) => ({
        value: option.value,
        label: option.label,
        ...figureOf(option, reasons[index + 1], baseShown),
      })),
      agreement: agreement && {
        agree: figureOf(agreement.agree, reasons[options.length + 1], baseShown),
        disagree: figureOf(agreement.disagree, reasons[options.length + 2], baseShown),
      },
    },
    notes: reasons.flatMap((reason, index) => (reason ? [noteOf(labels[index] ?? '', reason)] : [])),
  }
}

const SUMMARY_WITHHELD: Withheld = { withheld: 'too-few' }

function discloseFigures(result: QuestionResult): { figures: PublicQuestionFigures; notes: string[] } {
  const { figures } = result
  if (figures.kind === 'choice') {
    const { figures: shown, notes } = discloseChoice(figures, result.question.type !== 'multiple_choice')
    return { figures: { kind: 'choice', ...shown }, notes }
  }
  if (figures.kind === 'matrix') {
    const statements = figures.statements.map((statement) => ({
      statement,
      ...discloseChoice(statement, true),
    }))
    return {
      figures: {
        kind: 'matrix',
        answered: disclosed(figures.answered, isTooFew(figures.answered) ? 'too-few' : null),
        statements: statements.map(({ statement, figures: shown }) => ({
          key: statement.key,
          label: statement.label,
          ...shown,
        })),
      },
      notes: statements.flatMap(({ statement, notes }) => notes.map((note) => `'${statement.label}': ${note}`)),
    }
  }
  if (!isTooFew(figures.answered)) return { figures, notes: [] }
  if (figures.kind === 'number') {
    const [min, median, max] = [SUMMARY_WITHHELD, SUMMARY_WITHHELD, SUMMARY_WITHHELD]
    const notes = ['the number who answered, lowest, median and highest (fewer than 5 answered)']
    return { figures: { kind: 'number', answered: SUMMARY_WITHHELD, min, median, max }, notes }
  }
  if (figures.kind === 'date') {
    const notes = ['the number who answered, earliest and latest (fewer than 5 answered)']
    const withheld = { answered: SUMMARY_WITHHELD, earliest: SUMMARY_WITHHELD, latest: SUMMARY_WITHHELD }
    return { figures: { kind: 'date', ...withheld }, notes }
  }
  return { figures: { kind: 'text', answered: SUMMARY_WITHHELD }, notes: ['the number who answered (fewer than 5)'] }
}

/** What the public may see of one question's results, and what officers are told is withheld from them. */
export function disclose(result: QuestionResult): { published: PublicQuestionResult; withheld: string[] } {
  const { figures, notes } = discloseFigures(result)
  const { number, question, respondents } = result
  return { published: { number, question, respondents, figures }, withheld: notes }
}

export const isWithheld = (value: unknown): value is Withheld =>
  typeof value === 'object' && value !== null && 'withheld' in value
