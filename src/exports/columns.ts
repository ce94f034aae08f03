import type { NumberedQuestion } from '../results/service'
import { OTHER_OPTION_VALUE, type Question } from '../surveys/types'
import { PUBLISHING_CONSENT_LABELS } from '../surveys/publishing'
import { MODERATION_STATUS_LABELS } from '../published-responses/labels'

export type CellType = 'text' | 'number' | 'date' | 'datetime'
export type Cell = string | number | null
type Binding = string | number

/** SQL with its bindings: knex puts each binding in as a parameter, never into the text. */
export interface SqlFragment {
  sql: string
  bindings: Binding[]
}

/**
 * One column of the export. `cell` is the SQL that computes its value from the response (`r`) and the
 * aggregates over its answers (`x.f0`, `x.f1`, … in `fields`), so the database hands back finished cells.
 */
export interface ExportColumn {
  header: string
  type: CellType
  cell: SqlFragment
}

export interface ExportPlan {
  /** Aggregates over one response's answers (`response_answers as a`), selected as f0, f1, … */
  fields: SqlFragment[]
  columns: ExportColumn[]
}

const CHANNEL_LABELS = [
  ['online', 'Online'],
  ['paper', 'Paper'],
] as const
const TEXT_ANSWER_TYPES = new Set(['short_text', 'long_text', 'email', 'postcode'])

/** The labels a question's stored option values stand for, "Other" included, in the order residents saw them. */
const labelsOf = (question: Question): [string, string][] => [
  ...question.options.map((option): [string, string] => [option.value, option.label]),
  [OTHER_OPTION_VALUE, question.settings.otherLabel ?? 'Other'],
]

/** `case <expression> when value then label … else <expression> end`: an option value as its label. */
function labelled(expression: string, labels: [string, string][]): SqlFragment {
  return {
    sql: `case ${expression} ${labels.map(() => 'when ? then ?').join(' ')} else ${expression} end`,
    bindings: labels.flat(),
  }
}

const sql = (text: string, ...bindings: Binding[]): SqlFragment => ({ sql: text, bindings })

/** Whether and how each response may be published, for a survey that asks. */
const PUBLISHING_COLUMNS: ExportColumn[] = [
  {
    header: 'Publishing consent',
    type: 'text',
    cell: labelled('r.publishing_consent', Object.entries(PUBLISHING_CONSENT_LABELS)),
  },
  {
    header: 'Moderation status',
    type: 'text',
    cell: labelled('r.moderation_status', Object.entries(MODERATION_STATUS_LABELS)),
  },
]

/** The analyst's codes on one question's answers, alphabetically, joined with "; ". */
const codesOf = (questionId: number) =>
  sql(
    `(select string_agg(distinct c.label, '; ') from response_answers ca
    join answer_codes ac on ac.answer_id = ca.id join consultation_codes c on c.id = ac.code_id
    where ca.response_id = r.id and ca.question_id = ?)`,
    questionId,
  )

/**
 * Works out the export's columns: the response's own, then each question in order ("Q3. …"), a
 * multiple choice as one column of labels in the survey's order (and optionally a 0/1 column per
 * option), a matrix as a column per statement, then "Other" text and the analyst's codes where they apply.
 * `withCodes` is false when the consultation has no codes yet, so the export does not look for any.
 */
export function exportPlan(
  questions: NumberedQuestion[],
  {
    optionColumns,
    withCodes,
    withPublishing = false,
  }: { optionColumns: boolean; withCodes: boolean; withPublishing?: boolean },
): ExportPlan {
  const fields: SqlFragment[] = []
  const field = (text: string, ...bindings: Binding[]) => {
    fields.push(sql(text, ...bindings))
    return `x.f${fields.length - 1}`
  }
  const channel = labelled(
    'r.channel',
    CHANNEL_LABELS.map(([value, label]) => [value, label]),
  )
  const columns: ExportColumn[] = [
    { header: 'Reference', type: 'text', cell: sql('r.reference') },
    {
      header: 'Submitted (UTC, ISO 8601)',
      type: 'datetime',
      cell: sql(`to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`),
    },
    {
      header: 'Submitted (Europe/London)',
      type: 'datetime',
      cell: sql(`to_char(r.submitted_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI:SS')`),
    },
    { header: 'Channel', type: 'text', cell: channel },
    ...(withPublishing ? PUBLISHING_COLUMNS : []),
  ]
  const text = (header: string, cell: SqlFragment) => columns.push({ header, type: 'text', cell })

  for (const { number, question } of questions) {
    const header = `Q${number}. ${question.title}`
    const labels = labelsOf(question)
    const id = question.id
    if (question.type === 'matrix') {
      for (const statement of question.statements) {
        text(
          `${header}: ${statement.label}`,
          labelled(
            field('max(a.option_value) filter (where a.question_id = ? and a.statement_key = ?)', id, statement.key),
            labels,
          ),
        )
      }
    } else if (question.type === 'multiple_choice') {
      const label = labelled('a.option_value', labels)
      const position = sql(
        `case a.option_value ${labels.map(() => 'when ? then ?::int').join(' ')} end`,
        ...labels.flatMap(([value], index) => [value, index]),
      )
      const chosen = field(
        `string_agg(${label.sql}, '; ' order by ${position.sql}, a.option_value) filter (where a.question_id = ?)`,
        ...label.bindings,
        ...position.bindings,
        id,
      )
      text(header, sql(chosen))
      if (optionColumns) {
        const values = field('array_agg(a.option_value) filter (where a.question_id = ?)', id)
        for (const option of question.options) {
          columns.push({
            header: `${header}: ${option.label}`,
            type: 'number',
            cell: sql(`case when ${values} is null then null when ? = any(${values}) then 1 else 0 end`, option.value),
          })
        }
      }
    } else if (question.options.length > 0) {
      text(header, labelled(field('max(a.option_value) filter (where a.question_id = ?)', id), labels))
    } else if (question.type === 'number') {
      columns.push({
        header,
        type: 'number',
        cell: sql(`${field('max(a.number_value) filter (where a.question_id = ?)', id)}::float8`),
      })
    } else if (question.type === 'date') {
      columns.push({
        header,
        type: 'date',
        cell: sql(`${field('max(a.date_value) filter (where a.question_id = ?)', id)}::text`),
      })
    } else {
      text(header, sql(field('max(a.text_value) filter (where a.question_id = ?)', id)))
    }
    if (question.settings.allowOther) {
      text(
        `${header}: ${question.settings.otherLabel ?? 'Other'} (please specify)`,
        sql(field('max(a.text_value) filter (where a.question_id = ? and a.option_value = ?)', id, OTHER_OPTION_VALUE)),
      )
    }
    if (TEXT_ANSWER_TYPES.has(question.type) || question.settings.allowOther) {
      text(`${header}: codes`, withCodes ? codesOf(id) : sql('null::text'))
    }
  }
  return { fields, columns }
}
