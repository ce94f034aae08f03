import type { Knex } from 'knex'
import { OTHER_OPTION_VALUE } from '../surveys/types'
import { createChoiceAggregates } from './choice-repository'
import { applyResponseFilter, hasFilter } from './response-filter'
import type { ConsultationRef, ResultsFilter, TextAnswer } from './types'

/** A `count(*)::int as count` row. */
interface CountRow {
  count: number
}

/** The `::float8` aggregates of a number question's answers; null when it has none. */
interface NumberSummaryRow {
  answered: number
  min: number | null
  median: number | null
  max: number | null
}

/** A text answer as read: the answer's id is a bigint, which the driver may give as a string. */
interface TextAnswerRow extends Omit<TextAnswer, 'answerId' | 'submittedAt'> {
  answerId: number | string
  submittedAt: Date | string
}

export function createResultsRepository(db: Knex) {
  /** The consultation a question belongs to, as a subquery. */
  const consultationOf = (questionId: number) =>
    db('survey_questions as q')
      .join('surveys as s', 's.id', 'q.survey_id')
      .where('q.id', questionId)
      .select('s.consultation_id')

  /**
   * One question's answers; joined to their responses only when the filter needs it, and then to its own
   * consultation's, so that the responses the filter picks are found from the consultation's indexes.
   */
  const answersOf = (questionId: number, filter: ResultsFilter) => {
    const query = db('response_answers as a').where('a.question_id', questionId)
    if (hasFilter(filter))
      applyResponseFilter(
        query.join('responses as r', 'r.id', 'a.response_id').where('r.consultation_id', consultationOf(questionId)),
        filter,
      )
    return query
  }

  return {
    ...createChoiceAggregates(db),

    async findConsultation(slug: string): Promise<ConsultationRef | null> {
      const row = await db('consultations').where({ slug }).first<ConsultationRef | undefined>('id', 'slug', 'title')
      return row ?? null
    },

    async countRespondents(consultationId: number, filter: ResultsFilter): Promise<number> {
      const query = db('responses as r').where('r.consultation_id', consultationId)
      const row = await applyResponseFilter(query, filter).first<CountRow | undefined>(db.raw('count(*)::int as count'))
      return row?.count ?? 0
    },

    /** Respondents who gave a text question an answer that says something (a text answer is one row). */
    async countAnswered(questionId: number, filter: ResultsFilter): Promise<number> {
      const row = await answersOf(questionId, filter)
        .where('a.text_value', '<>', '')
        .first<CountRow | undefined>(db.raw('count(*)::int as count'))
      return row?.count ?? 0
    },

    async numberSummary(questionId: number, filter: ResultsFilter) {
      const numbers = () => answersOf(questionId, filter).whereNotNull('a.number_value')
      if (hasFilter(filter)) {
        const row = await numbers().first<NumberSummaryRow | undefined>(
          db.raw('count(*)::int as answered'),
          db.raw('min(a.number_value)::float8 as min'),
          db.raw('(percentile_cont(0.5) within group (order by a.number_value))::float8 as median'),
          db.raw('max(a.number_value)::float8 as max'),
        )
        return {
          answered: row?.answered ?? 0,
          min: row?.min ?? null,
          median: row?.median ?? null,
          max: row?.max ?? null,
        }
      }
      // Every answer to the question: the median is the middle one (or two) along the index of its numbers.
      const row = await numbers().first<Omit<NumberSummaryRow, 'median'> | undefined>(
        db.raw('count(*)::int as answered'),
        db.raw('min(a.number_value)::float8 as min'),
        db.raw('max(a.number_value)::float8 as max'),
      )
      const answered = row?.answered ?? 0
      if (answered === 0) return { answered, min: null, median: null, max: null }
      const middle = await numbers()
        .orderBy('a.number_value')
        .offset(Math.floor((answered - 1) / 2))
        .limit(2 - (answered % 2))
        .select<{ value: number }[]>(db.raw('a.number_value::float8 as value'))
      const median = middle.reduce((total, { value }) => total + value, 0) / middle.length
      return { answered, min: row?.min ?? null, median, max: row?.max ?? null }
    },

    async dateSummary(questionId: number, filter: ResultsFilter) {
      const row = await answersOf(questionId, filter)
        .whereNotNull('a.date_value')
        .first<{ answered: number; earliest: string | null; latest: string | null } | undefined>(
          db.raw('count(*)::int as answered'),
          db.raw('min(a.date_value)::text as earliest'),
          db.raw('max(a.date_value)::text as latest'),
        )
      return {
        answered: row?.answered ?? 0,
        earliest: row?.earliest ?? null,
        latest: row?.latest ?? null,
      }
    },

    /**
     * A page of free-text answers (or the "Other" texts of a choice question), latest response first; `total`,
     * when the caller has it.
     */
    async textAnswers(
      questionId: number,
      filter: ResultsFilter,
      {
        search,
        offset,
        limit,
        otherOnly,
        total,
      }: { search?: string; offset: number; limit: number; otherOnly: boolean; total?: Promise<number> },
    ): Promise<{ answers: TextAnswer[]; total: number }> {
      const matching = () => {
        const query = answersOf(questionId, filter).where('a.text_value', '<>', '')
        if (otherOnly) query.where('a.option_value', OTHER_OPTION_VALUE)
        // Answers containing the words as typed, in any case; the trigram index finds the candidates.
        if (search) query.whereRaw(`a.text_value ilike ? escape '\\'`, [`%${search.replace(/[\\%_]/g, '\\$&')}%`])
        return query
      }
      // Latest response first. Unfiltered, in the order of the (question_id, response_id) index, so no sort of
      // every answer; filtered, the matching responses are found first (from the index alone) and then sorted,
      // since walking the index from the latest could pass most of a million answers before meeting the filter's.
      // A response gives a question one text answer (or one "Other"), so its id orders them.
      const page = hasFilter(filter)
        ? db
            .withMaterialized('matching', matching().select('a.response_id'))
            .with(
              'page',
              db('matching').select('response_id').orderBy('response_id', 'desc').offset(offset).limit(limit),
            )
            .from('page as m')
            .join('responses as r', 'r.id', 'm.response_id')
            .join('response_answers as a', function () {
              this.on('a.response_id', 'm.response_id').andOn('a.question_id', db.raw('?', [questionId]))
            })
            .where('a.text_value', '<>', '')
            .modify((query: Knex.QueryBuilder) => {
              if (otherOnly) query.where('a.option_value', OTHER_OPTION_VALUE)
            })
            .orderBy('m.response_id', 'desc')
        : matching()
            .join('responses as r', 'r.id', 'a.response_id')
            .orderBy([
              { column: 'a.response_id', order: 'desc' },
              { column: 'a.id', order: 'desc' },
            ])
            .offset(offset)
            .limit(limit)
      const columns = [
        'a.id as answerId',
        'r.reference',
        'r.submitted_at as submittedAt',
        'a.text_value as text',
        db.raw(
          'coalesce((select array_agg(ac.code_id order by ac.code_id) from answer_codes ac ' +
            'where ac.answer_id = a.id), array[]::int[]) as "codeIds"',
        ),
      ]
      const countMatching = () => matching().first<CountRow | undefined>(db.raw('count(*)::int as count'))
      let totalRow: CountRow | undefined
      let rows: (TextAnswerRow & { matching?: number })[]
      if (hasFilter(filter) && !total) {
        // Filtered, the page has every match in hand already: counting them there saves joining twice.
        rows = await page.select(...columns, db.raw('(select count(*) from matching)::int as matching'))
        totalRow = rows[0] ? { count: Number(rows[0].matching) } : await countMatching()
      } else {
        ;[totalRow, rows] = await Promise.all([
          total ? total.then((count) => ({ count })) : countMatching(),
          page.select<TextAnswerRow[]>(...columns),
        ])
      }
      return {
        total: totalRow?.count ?? 0,
        answers: rows.map((row) => ({
          answerId: Number(row.answerId),
          reference: row.reference,
          submittedAt: new Date(row.submittedAt),
          text: row.text,
          codeIds: row.codeIds.map(Number),
        })),
      }
    },
  }
}

export type ResultsRepository = ReturnType<typeof createResultsRepository>
