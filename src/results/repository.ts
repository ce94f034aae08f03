import type { Knex } from 'knex'
import { OTHER_OPTION_VALUE } from '../surveys/types'
import { createChoiceAggregates } from './choice-repository'
import { applyResponseFilter, hasFilter } from './response-filter'
import type { ConsultationRef, ResultsFilter, TextAnswer } from './types'

export function createResultsRepository(db: Knex) {
  /** One question's answers; joined to their responses only when the filter needs it. */
  const answersOf = (questionId: number, filter: ResultsFilter) => {
    const query = db('response_answers as a').where('a.question_id', questionId)
    if (hasFilter(filter)) applyResponseFilter(query.join('responses as r', 'r.id', 'a.response_id'), filter)
    return query
  }

  return {
    ...createChoiceAggregates(db),

    async findConsultation(slug: string): Promise<ConsultationRef | null> {
      const row = await db('consultations').where({ slug }).first('id', 'slug', 'title')
      return row ?? null
    },

    async countRespondents(consultationId: number, filter: ResultsFilter): Promise<number> {
      const query = db('responses as r').where('r.consultation_id', consultationId)
      const row = await applyResponseFilter(query, filter).first(db.raw('count(*)::int as count'))
      return Number(row?.count ?? 0)
    },

    /** Respondents who gave a question that is not a choice any answer. */
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
  }
}

export type ResultsRepository = ReturnType<typeof createResultsRepository>
