import type { Question } from '../surveys/types'
import { optionsWithOther, percentOf } from './figures'
import type { CrossTabRow } from './choice-repository'
import { type CrossTab, type CrossTabCell, SUPPRESSION_THRESHOLD } from './types'

const shown = (count: number, base: number): CrossTabCell => ({
  suppressed: false,
  count,
  percent: percentOf(count, base),
})

/**
 * Builds a cross-tab in which any cell (or column base) of fewer than 5 respondents is hidden. When a
 * column hides exactly one cell, the next smallest is hidden too, so the hidden one cannot be worked
 * out by subtracting the others from the column's base.
 */
export function buildCrossTab(rowQuestion: Question, columnQuestion: Question, counts: CrossTabRow[]): CrossTab {
  const rowOptions = optionsWithOther(rowQuestion)
  const columnOptions = optionsWithOther(columnQuestion)
  const countOf = (rowValue: string | null, columnValue: string) =>
    counts.find((row) => row.rowValue === rowValue && row.columnValue === columnValue)?.count ?? 0

  const matrix = columnOptions.map((column) => {
    const base = countOf(null, column.value)
    const hidden = rowOptions.map((row) => countOf(row.value, column.value) < SUPPRESSION_THRESHOLD)
    if (base >= SUPPRESSION_THRESHOLD && hidden.filter(Boolean).length === 1) {
      const next = rowOptions
        .map((row, index) => ({ index, count: countOf(row.value, column.value) }))
        .filter(({ index }) => !hidden[index])
        .sort((a, b) => a.count - b.count)[0]
      if (next) hidden[next.index] = true
    }
    return { column, base, hidden }
  })

  return {
    rowQuestion,
    columnQuestion,
    enoughResponses: matrix.some(({ base }) => base >= SUPPRESSION_THRESHOLD),
    columns: matrix.map(({ column, base }) => ({
      value: column.value,
      label: column.label,
      base: base < SUPPRESSION_THRESHOLD ? { suppressed: true } : shown(base, base),
    })),
    rows: rowOptions.map((row, rowIndex) => ({
      value: row.value,
      label: row.label,
      cells: matrix.map(({ column, base, hidden }) =>
        hidden[rowIndex] || base < SUPPRESSION_THRESHOLD
          ? { suppressed: true }
          : shown(countOf(row.value, column.value), base),
      ),
    })),
  }
}
