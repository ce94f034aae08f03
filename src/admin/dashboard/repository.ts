import type { Knex } from 'knex'
import { outcomePublishedExpression } from '../../consultations/repository'

export interface DashboardConsultation {
  id: number
  slug: string
  title: string
}

export interface OpenConsultationLine extends DashboardConsultation {
  closesAt: Date
  responsesToday: number
  responsesTotal: number
}

export interface AwaitingOutcomeLine extends DashboardConsultation {
  closesAt: Date
  outcomeDueAt: Date
  overdue: boolean
}

export interface UncodedLine extends DashboardConsultation {
  count: number
}

/** Free-text answers analysts code; email addresses, postcodes, personal and About you answers are not. */
const UNCODED_TYPES_LEFT_OUT = ['email', 'postcode']
const LINE_LIMIT = 50

/** The officers' dashboard: one grouped query per list, whatever the number of consultations. */
export function createDashboardRepository(db: Knex) {
  const published = (now: Date) =>
    db('consultations as consultations')
      .whereNotNull('consultations.published_at')
      .where('consultations.published_at', '<=', now)

  return {
    /** Published consultations open at `now`, closing soonest first, with responses since `startOfToday`. */
    async openNow(now: Date, startOfToday: Date): Promise<OpenConsultationLine[]> {
      const rows = await published(now)
        .leftJoin('responses', 'responses.consultation_id', 'consultations.id')
        .where('consultations.opens_at', '<=', now)
        .where('consultations.closes_at', '>=', now)
        .groupBy('consultations.id')
        .orderBy([{ column: 'consultations.closes_at' }, { column: 'consultations.title' }])
        .limit(LINE_LIMIT)
        .select<(OpenConsultationLine & { closesAt: Date | string })[]>(
          'consultations.id',
          'consultations.slug',
          'consultations.title',
          'consultations.closes_at as closesAt',
          db.raw('count(responses.id)::int as "responsesTotal"'),
          db.raw('(count(responses.id) FILTER (WHERE responses.submitted_at >= ?))::int as "responsesToday"', [
            startOfToday,
          ]),
        )
      return rows.map((row) => ({ ...row, closesAt: new Date(row.closesAt) }))
    },

    /** Published consultations closing after `now` and before `until`, closing soonest first. */
    async closingBetween(now: Date, until: Date): Promise<(DashboardConsultation & { closesAt: Date })[]> {
      const rows = await published(now)
        .where('consultations.closes_at', '>=', now)
        .where('consultations.closes_at', '<', until)
        .orderBy([{ column: 'consultations.closes_at' }, { column: 'consultations.title' }])
        .limit(LINE_LIMIT)
        .select<(DashboardConsultation & { closesAt: Date | string })[]>('id', 'slug', 'title', 'closes_at as closesAt')
      return rows.map((row) => ({ ...row, closesAt: new Date(row.closesAt) }))
    },

    /** Published, closed consultations whose outcome is not published yet, the earliest due first. */
    async awaitingOutcome(now: Date): Promise<AwaitingOutcomeLine[]> {
      const rows = await published(now)
        .where('consultations.closes_at', '<', now)
        .whereRaw('NOT ?', [outcomePublishedExpression(db, now)])
        .orderBy([{ column: 'consultations.outcome_due_at' }, { column: 'consultations.title' }])
        .limit(LINE_LIMIT)
        .select<(AwaitingOutcomeLine & { closesAt: Date | string; outcomeDueAt: Date | string })[]>(
          'id',
          'slug',
          'title',
          'closes_at as closesAt',
          'outcome_due_at as outcomeDueAt',
          db.raw('(consultations.outcome_due_at < ?::timestamptz) as overdue', [now]),
        )
      return rows.map((row) => ({ ...row, closesAt: new Date(row.closesAt), outcomeDueAt: new Date(row.outcomeDueAt) }))
    },

    /** Free-text answers with no code yet, per consultation, the most first. */
    async uncodedAnswers(): Promise<UncodedLine[]> {
      return db('response_answers as answer')
        .join('responses', 'responses.id', 'answer.response_id')
        .join('survey_questions as question', 'question.id', 'answer.question_id')
        .join('survey_pages as page', 'page.id', 'question.page_id')
        .join('consultations', 'consultations.id', 'responses.consultation_id')
        .where('answer.text_value', '<>', '')
        .where({ 'question.personal_data': false, 'page.is_about_you': false })
        .whereNotIn('question.type', UNCODED_TYPES_LEFT_OUT)
        .whereNotExists(db('answer_codes').select(db.raw('1')).whereRaw('answer_codes.answer_id = answer.id'))
        .groupBy('consultations.id')
        .orderBy([{ column: 'count', order: 'desc' }, { column: 'consultations.title' }])
        .limit(LINE_LIMIT)
        .select<UncodedLine[]>(
          'consultations.id',
          'consultations.slug',
          'consultations.title',
          db.raw('count(*)::int as count'),
        )
    },
  }
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>
