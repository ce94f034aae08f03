import type { NumberedQuestion } from '../results/service'
import { OTHER_OPTION_VALUE, type Question } from '../surveys/types'

export type CellType = 'text' | 'number' | 'date' | 'datetime'

/** One aggregate over a response's answers, computed by the export query as field f<index>. */
export interface ExportField {
  sql: string
  bindings: (string | number)[]
}

/** A row as the export query returns it: the response and one value per field. */
export type ExportRow = Record<string, unknown> & { id: number | string; reference: string; submitted_utc: string; submitted_london: string; channel: string }

export interface ExportColumn {
  header: string
  type: CellType
  value: (row: ExportRow, codes: Map<number, string>) => string | number | null
}

export interface ExportPlan {
  fields: ExportField[]
  columns: ExportColumn[]
  /** Questions whose answers analysts can code, in column order. */
  codedQuestionIds: number[]
}

const UNIT_SEPARATOR = '\u001f'
const CHANNEL_LABELS: Record<string, string> = { online: 'Online', paper: 'Paper' }
const TEXT_ANSWER_TYPES = new Set(['short_text', 'long_text', 'email', 'postcode'])

const labelsOf = (question: Question) => {
  const labels = new Map(question.options.map((option, index) => [option.value, { label: option.label, index }]))
  labels.set(OTHER_OPTION_VALUE, { label: question.settings.otherLabel ?? 'Other', index: question.options.length })
  return labels
}

/**
 * Works out the export's columns: the response's own, then each question in order ("Q3. …"), a
 * multiple choice as one column of labels (and optionally a 0/1 column per option), a matrix as a
 * column per statement, then "Other" text and the analyst's codes where they apply.
 */
export function exportPlan(questions: NumberedQuestion[], { optionColumns }: { optionColumns: boolean }): ExportPlan {
  const fields: ExportField[] = []
  const field = (sql: string, ...bindings: (string | number)[]) => {
    fields.push({ sql, bindings })
    return `f${fields.length - 1}`
  }
  const columns: ExportColumn[] = [
    { header: 'Reference', type: 'text', value: (row) => row.reference },
    { header: 'Submitted (UTC, ISO 8601)', type: 'datetime', value: (row) => row.submitted_utc },
    { header: 'Submitted (Europe/London)', type: 'datetime', value: (row) => row.submitted_london },
    { header: 'Channel', type: 'text', value: (row) => CHANNEL_LABELS[row.channel] ?? row.channel },
  ]
  const codedQuestionIds: number[] = []
  const text = (value: unknown) => (value == null ? null : String(value))

  for (const { number, question } of questions) {
    const header = `Q${number}. ${question.title}`
    const labels = labelsOf(question)
    const labelOf = (value: unknown) => (value == null ? null : (labels.get(String(value))?.label ?? String(value)))
    const id = question.id
    if (question.type === 'matrix') {
      for (const statement of question.statements) {
        const name = field('max(a.option_value) filter (where a.question_id = ? and a.statement_key = ?)', id, statement.key)
        columns.push({ header: `${header}: ${statement.label}`, type: 'text', value: (row) => labelOf(row[name]) })
      }
    } else if (question.type === 'multiple_choice') {
      const name = field(`string_agg(a.option_value, '${UNIT_SEPARATOR}') filter (where a.question_id = ?)`, id)
      const chosen = (row: ExportRow) => (row[name] == null ? [] : String(row[name]).split(UNIT_SEPARATOR))
      columns.push({
        header,
        type: 'text',
        value: (row) => {
          const values = chosen(row)
          if (values.length === 0) return null
          return values.map((value) => labels.get(value) ?? { label: value, index: Infinity }).sort((a, b) => a.index - b.index).map((entry) => entry.label).join('; ')
        },
      })
      if (optionColumns) {
        for (const option of question.options) {
          columns.push({ header: `${header}: ${option.label}`, type: 'number', value: (row) => (row[name] == null ? null : chosen(row).includes(option.value) ? 1 : 0) })
        }
      }
    } else if (question.options.length > 0) {
      const name = field('max(a.option_value) filter (where a.question_id = ?)', id)
      columns.push({ header, type: 'text', value: (row) => labelOf(row[name]) })
    } else if (question.type === 'number') {
      const name = field('max(a.number_value) filter (where a.question_id = ?)', id)
      columns.push({ header, type: 'number', value: (row) => (row[name] == null ? null : Number(row[name])) })
    } else if (question.type === 'date') {
      const name = field('(max(a.date_value) filter (where a.question_id = ?))::text', id)
      columns.push({ header, type: 'date', value: (row) => text(row[name]) })
    } else {
      const name = field('max(a.text_value) filter (where a.question_id = ?)', id)
      columns.push({ header, type: 'text', value: (row) => text(row[name]) })
    }
    if (question.settings.allowOther) {
      const name = field(`max(a.text_value) filter (where a.question_id = ? and a.option_value = '${OTHER_OPTION_VALUE}')`, id)
      columns.push({ header: `${header}: ${question.settings.otherLabel ?? 'Other'} (please specify)`, type: 'text', value: (row) => text(row[name]) })
    }
    if (TEXT_ANSWER_TYPES.has(question.type) || question.settings.allowOther) {
      codedQuestionIds.push(id)
      columns.push({ header: `${header}: codes`, type: 'text', value: (_row, codes) => codes.get(id) ?? null })
    }
  }
  return { fields, columns, codedQuestionIds }
}
