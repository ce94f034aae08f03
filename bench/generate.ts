import type { Knex } from 'knex'
import type { NewSurvey } from '../src/surveys/types'
import { AGREEMENT_SCALE } from '../src/surveys/types'

const FIVE = Array.from({ length: 5 }, (_, index) => ({ value: `opt${index + 1}`, label: `Option ${index + 1}, with a comma` }))

/** 20 questions: 10 single choice, 2 multiple choice, 3 agreement, 2 numbers, a date and 2 free text. */
export const benchSurvey: NewSurvey = {
  introMarkdown: '',
  estimatedMinutes: 10,
  aboutYouEnabled: false,
  pages: [{
    key: 'all',
    title: 'All questions',
    questions: [
      ...Array.from({ length: 10 }, (_, index) => ({ key: `single-${index + 1}`, type: 'single_choice' as const, title: `Single choice ${index + 1}`, required: false, options: FIVE })),
      ...Array.from({ length: 2 }, (_, index) => ({ key: `multiple-${index + 1}`, type: 'multiple_choice' as const, title: `Multiple choice ${index + 1}`, required: false, options: FIVE.slice(0, 4) })),
      ...Array.from({ length: 3 }, (_, index) => ({ key: `agreement-${index + 1}`, type: 'agreement' as const, title: `Agreement ${index + 1}`, required: false, options: [...AGREEMENT_SCALE] })),
      ...Array.from({ length: 2 }, (_, index) => ({ key: `number-${index + 1}`, type: 'number' as const, title: `Number ${index + 1}`, required: false })),
      { key: 'date-1', type: 'date' as const, title: 'A date', required: false },
      ...Array.from({ length: 2 }, (_, index) => ({ key: `text-${index + 1}`, type: 'long_text' as const, title: `Free text ${index + 1}`, required: false })),
    ],
  }],
}

const AGREEMENT_VALUES = `array[${AGREEMENT_SCALE.map(({ value }) => `'${value}'`).join(', ')}]`

/** One question's answers for the response `r`: (question_id, option_value, text_value, number_value, date_value) rows. */
function answersSql(questionId: number, type: string, q: number): string {
  const row = (option: string, text: string, number: string, date: string, from = '') =>
    `select ${questionId}, (${option})::text, (${text})::text, (${number})::numeric, (${date})::date ${from}`
  switch (type) {
    case 'single_choice':
      return row(`'opt' || (1 + (r.id * 31 + ${q}) % 5)`, 'null', 'null', 'null')
    case 'multiple_choice':
      return row(`'opt' || (1 + (r.id + k) % 4)`, 'null', 'null', 'null', 'from generate_series(0, 1) k')
    case 'agreement':
      return row(`(${AGREEMENT_VALUES})[1 + (r.id * 7 + ${q}) % 6]`, 'null', 'null', 'null')
    case 'number':
      return row('null', 'null', '(r.id % 100) - 10', 'null')
    case 'date':
      return row('null', 'null', 'null', `date '2024-01-01' + (r.id % 365)::int`)
    default:
      return row('null', `'Comment ' || r.id || ', with a comma, "quotes" and an é'`, 'null', 'null')
  }
}

/**
 * Adds responses numbered [from, to] with every question answered, in set-based SQL only. Each
 * response's answers are written together, as a real submission writes them in one transaction.
 */
export async function generateResponses(db: Knex, consultationId: number, surveyId: number, from: number, to: number): Promise<void> {
  const { before } = (await db('responses').first(db.raw('coalesce(max(id), 0)::bigint as before'))) as { before: string }
  await db.raw(
    `insert into responses (consultation_id, survey_id, reference, channel, submitted_at)
     select ?, ?, 'BENCH-' || g, case when g % 5 = 0 then 'paper' else 'online' end, timestamptz '2024-01-01' + make_interval(secs => g)
     from generate_series(?::int, ?::int) g`,
    [consultationId, surveyId, from, to],
  )
  const questions: { id: number; type: string }[] = await db('survey_questions').where({ survey_id: surveyId }).orderBy('position').select('id', 'type')
  const perQuestion = questions.map(({ id, type }, index) => answersSql(Number(id), type, index + 1))
  await db.raw(
    `insert into response_answers (response_id, question_id, option_value, text_value, number_value, date_value)
     select r.id, a.* from responses r
     cross join lateral (${perQuestion.join(' union all ')}) a
     where r.consultation_id = ? and r.id > ?
     order by r.id`,
    [consultationId, before],
  )
  // As autovacuum would soon after a burst of inserts: statistics, and the visibility map that index-only scans need.
  await db.raw('vacuum analyze responses')
  await db.raw('vacuum analyze response_answers')
}
