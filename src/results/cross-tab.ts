import type { Question } from '../surveys/types'
import { optionsWithOther, percentOf } from './figures'
import type { CrossTabRow } from './choice-repository'
import { SUPPRESSION_THRESHOLD, withheldCounts } from './disclosure'
import type { CrossTab, CrossTabCell, WithheldReason } from './types'

const cellOf = (count: number, base: number, reason: WithheldReason | null | undefined): CrossTabCell =>
  reason === null ? { suppressed: false, count, percent: percentOf(count, base) } : { suppressed: true }

/**
 * Builds a cross-tab in which any cell (or column base) of fewer than 5 respondents, none included, is hidden,
 * and as many more as it takes that none of those can be worked out from its column's base.
 */
export function buildCrossTab(rowQuestion: Question, columnQuestion: Question, counts: CrossTabRow[]): CrossTab {
  const rowOptions = optionsWithOther(rowQuestion)
  const countOf = (rowValue: string | null, columnValue: string) =>
    counts.find((row) => row.rowValue === rowValue && row.columnValue === columnValue)?.count ?? 0

  const columns = optionsWithOther(columnQuestion).map((column) => {
    const base = countOf(null, column.value)
    const parts = rowOptions.map((row) => countOf(row.value, column.value))
    const sum = { total: 0, parts: parts.map((_, index) => index + 1) }
    const [baseReason, ...partReasons] = withheldCounts([base, ...parts], [sum], { hideEmpty: true })
    return {
      column,
      base,
      baseCell: cellOf(base, base, baseReason),
      cells: parts.map((count, index) => cellOf(count, base, partReasons[index])),
    }
  })

  return {
    rowQuestion,
    columnQuestion,
    enoughResponses: columns.some(({ base }) => base >= SUPPRESSION_THRESHOLD),
    columns: columns.map(({ column, baseCell }) => ({ value: column.value, label: column.label, base: baseCell })),
    rows: rowOptions.map((row, rowIndex) => ({
      value: row.value,
      label: row.label,
      cells: columns.map(({ cells }) => cells[rowIndex] ?? { suppressed: true }),
    })),
  }
}
