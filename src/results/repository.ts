import type { Knex } from 'knex'
import { startOfLondonDay, addLondonDays } from '../shared/dates'
import { OTHER_OPTION_VALUE } from '../surveys/types'
import type { ConsultationRef, ResultsFilter, TextAnswer } from './types'

export interface OptionCountRow { statementKey: string | null; optionValue: string | null; count: number }
export interface CrossTabRow { rowValue: string | null; columnValue: string | null; count: number }

/** Instants bounding the filter's London calendar days: [from 00:00, day after `to` 00:00). */
export function filterInstants(filter: ResultsFilter): { from?: Date; before?: Date } {
  return {
    from: filter.from ? startOfLondonDay(filter.from) : undefined,
    before: filter.to ? startOfLondonDay(addLondonDays(startOfLondonDay(filter.to), 1)) : undefined,
  }
}

/** Restricts a query over `responses` (aliased) to the filter's date range and channel. */
export function applyResponseFilter(query: Knex.QueryBuilder, filter: ResultsFilter, alias = 'r'): Knex.QueryBuilder {
  const { from, before } = filterInstants(filter)
  if (from) query.where(`${alias}.submitted_at`, '>=', from)
  if (before) query.where(`${alias}.submitted_at`, '<', before)
  if (filter.channel) query.where(`${alias}.channel`, filter.channel)
  return query
}

/**
 * Sums counted rows by a key: a matrix statement's answers or a cross-tab column's base, where each
 * respondent is in one row only, so the sum of a few grouped counts replaces a second pass over the answers.
 */
function totalsOf<Row extends { count: number }, Key, Total>(rows: Row[], keyOf: (row: Row) => Key, totalRow: (key: Key, count: number) => Total): Total[] {
  const totals = new Map<Key, number>()
  for (const row of rows) totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + Number(row.count))
  return [...totals].map(([key, count]) => totalRow(key, count))
}

const hasFilter = (filter: ResultsFilter) => Boolean(filter.from || filter.to || filter.channel)

export function createResultsRepository(db: Knex) {
  /** One question's answers; joined to their responses only when the filter needs it. */
  const answersOf = (questionId: number, filter: ResultsFilter) => {
    const query = db('response_answers as a').where('a.question_id', questionId)
    if (hasFilter(filter)) applyResponseFilter(query.join('responses as r', 'r.id', 'a.response_id'), filter)
    return query
  }

  return {
    async findConsultation(slug: string): Promise<ConsultationRef | null> {
      const row = await db('consultations').where({ slug }).first('id', 'slug', 'title')
      return row ?? null
    },

    async countRespondents(consultationId: number, filter: ResultsFilter): Promise<number> {
      const query = db('responses as r').where('r.consultation_id', consultationId)
      const row = await applyResponseFilter(query, filter).first(db.raw('count(*)::int as count'))
      return Number(row?.count ?? 0)
    },

    /** Answers per (statement, option); a statement's total row has optionValue null. */
    async optionCounts(questionId: number, filter: ResultsFilter): Promise<OptionCountRow[]> {
      // A plain group by, which PostgreSQL can run in parallel (grouping sets it cannot).
      const rows: OptionCountRow[] = await answersOf(questionId, filter)
        .select('a.statement_key as statementKey', 'a.option_value as optionValue', db.raw('count(*)::int as count'))
        .groupBy('a.statement_key', 'a.option_value')
      return [...rows.map((row) => ({ ...row, count: Number(row.count) })), ...totalsOf(rows, (row) => row.statementKey, (statementKey, count) => ({ statementKey, optionValue: null, count }))]
    },

    /** Respondents who gave the question any answer (a multiple-choice answer has a row per option). */
    async countAnswered(questionId: number, filter: ResultsFilter): Promise<number> {
      // Distinct ids in index order, rather than count(distinct …), which sorts them all again.
      const respondents = answersOf(questionId, filter).distinct('a.response_id')
      const row = await db.from(respondents.as('answered')).first(db.raw('count(*)::int as count'))
      return Number(row?.count ?? 0)
    },

    async numberSummary(questionId: number, filter: ResultsFilter) {
      const row = await answersOf(questionId, filter)
        .whereNotNull('a.number_value')
        .first(
          db.raw('count(*)::int as answered'),
          db.raw('min(a.number_value)::float8 as min'),
          db.raw('(percentile_cont(0.5) within group (order by a.number_value))::float8 as median'),
          db.raw('max(a.number_value)::float8 as max'),
        )
      const orNull = (value: unknown) => (value == null ? null : Number(value))
      return { answered: Number(row?.answered ?? 0), min: orNull(row?.min), median: orNull(row?.median), max: orNull(row?.max) }
    },

    async dateSummary(questionId: number, filter: ResultsFilter) {
      const row = await answersOf(questionId, filter)
        .whereNotNull('a.date_value')
        .first(db.raw('count(*)::int as answered'), db.raw('min(a.date_value)::text as earliest'), db.raw('max(a.date_value)::text as latest'))
      return { answered: Number(row?.answered ?? 0), earliest: (row?.earliest as string | null) ?? null, latest: (row?.latest as string | null) ?? null }
    },

    /** A page of free-text answers (or the "Other" texts of a choice question), latest response first. */
    async textAnswers(
      questionId: number,
      filter: ResultsFilter,
      { search, offset, limit, otherOnly }: { search?: string; offset: number; limit: number; otherOnly: boolean },
    ): Promise<{ answers: TextAnswer[]; total: number }> {
      const matching = () => {
        const query = answersOf(questionId, filter).whereNotNull('a.text_value').where('a.text_value', '<>', '')
        if (otherOnly) query.where('a.option_value', OTHER_OPTION_VALUE)
        // Answers containing the words as typed, in any case; the trigram index finds the candidates.
        if (search) query.whereRaw(`a.text_value ilike ? escape '\\'`, [`%${search.replace(/[\\%_]/g, '\\$&')}%`])
        return query
      }
      const withResponses = () => (hasFilter(filter) ? matching() : matching().join('responses as r', 'r.id', 'a.response_id'))
      const [totalRow, rows] = await Promise.all([
        matching().first(db.raw('count(*)::int as count')),
        withResponses()
          // Latest response first, in the order of the (question_id, response_id) index, so no sort of every answer.
          .orderBy([{ column: 'a.response_id', order: 'desc' }, { column: 'a.id', order: 'desc' }])
          .offset(offset)
          .limit(limit)
          .select(
            'a.id as answerId',
            'r.reference',
            'r.submitted_at as submittedAt',
            'a.text_value as text',
            db.raw('coalesce((select array_agg(ac.code_id order by ac.code_id) from answer_codes ac where ac.answer_id = a.id), array[]::int[]) as "codeIds"'),
          ),
      ])
      return {
        total: Number(totalRow?.count ?? 0),
        answers: rows.map((row: TextAnswer) => ({
          answerId: Number(row.answerId),
          reference: row.reference,
          submittedAt: new Date(row.submittedAt),
          text: row.text,
          codeIds: (row.codeIds ?? []).map(Number),
        })),
      }
    },

    /**
     * Respondents per (row option, column option) of two choice questions, plus each column's base:
     * the respondents who answered both (rowValue null).
     */
    async crossTab(rowQuestionId: number, columnQuestionId: number, filter: ResultsFilter, { rowIsMultiple }: { rowIsMultiple: boolean }): Promise<CrossTabRow[]> {
      // Each pair of answers is one respondent's (a response holds an option once), so cells are plain counts.
      const pairs = db('response_answers as a')
        .join('response_answers as b', function () {
          this.on('b.response_id', 'a.response_id').andOn('b.question_id', db.raw('?', [columnQuestionId]))
        })
        .where('a.question_id', rowQuestionId)
        .whereNull('b.statement_key')
      if (hasFilter(filter)) applyResponseFilter(pairs.join('responses as r', 'r.id', 'a.response_id'), filter)
      const counts = pairs.select('a.option_value as rowValue', 'b.option_value as columnValue', db.raw('count(*)::int as count')).groupBy('a.option_value', 'b.option_value')
      if (!rowIsMultiple) {
        // One answer per respondent to the row question: a column's base is the sum of its cells.
        const cells: CrossTabRow[] = (await counts).map((row: CrossTabRow) => ({ ...row, count: Number(row.count) }))
        return [...cells, ...totalsOf(cells, (row) => row.columnValue, (columnValue, count) => ({ rowValue: null, columnValue, count }))]
      }
      // Several answers per respondent: a column's base counts the respondents who also answered the row question.
      const answeredBoth = db('response_answers as b')
        .whereExists(db('response_answers as a').whereRaw('a.response_id = b.response_id').where('a.question_id', rowQuestionId))
        .where('b.question_id', columnQuestionId)
        .whereNull('b.statement_key')
      if (hasFilter(filter)) applyResponseFilter(answeredBoth.join('responses as r', 'r.id', 'b.response_id'), filter)
      const [cells, bases] = await Promise.all([
        counts,
        answeredBoth.groupBy('b.option_value').select(db.raw('null as "rowValue"'), 'b.option_value as columnValue', db.raw('count(*)::int as count')),
      ])
      return [...cells, ...bases].map((row: CrossTabRow) => ({ rowValue: row.rowValue, columnValue: row.columnValue, count: Number(row.count) }))
    },
  }
}

export type ResultsRepository = ReturnType<typeof createResultsRepository>
