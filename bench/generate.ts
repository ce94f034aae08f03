import type { Knex } from 'knex'
import { createServices } from '../src/services'
import type { NewSurvey, Survey } from '../src/surveys/types'
import { createChoiceLayoutRepository } from '../src/surveys/choice-layout-repository'
import { createSurveyRepository } from '../src/surveys/repository'
import { AGREEMENT_SCALE } from '../src/surveys/types'
import { present } from '../src/shared/present'

const FIVE = Array.from({ length: 5 }, (_, index) => ({
  value: `opt${index + 1}`,
  label: `Option ${index + 1}, with a comma`,
}))

/** 20 questions: 10 single choice, 2 multiple choice, 3 agreement, 2 numbers, a date and 2 free text. */
export const benchSurvey: NewSurvey = {
  introMarkdown: '',
  estimatedMinutes: 10,
  aboutYouEnabled: false,
  pages: [
    {
      key: 'all',
      title: 'All questions',
      questions: [
        ...Array.from({ length: 10 }, (_, index) => ({
          key: `single-${index + 1}`,
          type: 'single_choice' as const,
          title: `Single choice ${index + 1}`,
          required: false,
          options: FIVE,
        })),
        ...Array.from({ length: 2 }, (_, index) => ({
          key: `multiple-${index + 1}`,
          type: 'multiple_choice' as const,
          title: `Multiple choice ${index + 1}`,
          required: false,
          options: FIVE.slice(0, 4),
        })),
        ...Array.from({ length: 3 }, (_, index) => ({
          key: `agreement-${index + 1}`,
          type: 'agreement' as const,
          title: `Agreement ${index + 1}`,
          required: false,
          options: [...AGREEMENT_SCALE],
        })),
        ...Array.from({ length: 2 }, (_, index) => ({
          key: `number-${index + 1}`,
          type: 'number' as const,
          title: `Number ${index + 1}`,
          required: false,
        })),
        { key: 'date-1', type: 'date' as const, title: 'A date', required: false },
        ...Array.from({ length: 2 }, (_, index) => ({
          key: `text-${index + 1}`,
          type: 'long_text' as const,
          title: `Free text ${index + 1}`,
          required: false,
        })),
      ],
    },
  ],
}

const AGREEMENT_VALUES = `array[${AGREEMENT_SCALE.map(({ value }) => `'${value}'`).join(', ')}]`

/**
 * One question's answers for the response numbered `n` (an SQL expression):
 * (question_id, option_value, text_value, number_value, date_value) rows.
 */
function answersSql(questionId: number, type: string, q: number, n: string): string {
  const row = (option: string, text: string, number: string, date: string, from = '') =>
    `select ${questionId}, (${option})::text, (${text})::text, (${number})::numeric, (${date})::date ${from}`
  switch (type) {
    case 'single_choice':
      return row(`'opt' || (1 + (${n} * 31 + ${q}) % 5)`, 'null', 'null', 'null')
    case 'multiple_choice':
      return row(`'opt' || (1 + (${n} + k) % 4)`, 'null', 'null', 'null', 'from generate_series(0, 1) k')
    case 'agreement':
      return row(`(${AGREEMENT_VALUES})[1 + (${n} * 7 + ${q}) % 6]`, 'null', 'null', 'null')
    case 'number':
      return row('null', 'null', `(${n} % 100) - 10`, 'null')
    case 'date':
      return row('null', 'null', 'null', `date '2024-01-01' + (${n} % 365)::int`)
    default:
      return row('null', `'Comment ' || ${n} || ', with a comma, "quotes" and an é'`, 'null', 'null')
  }
}

/** (question_id, option_value, slot, code, multiple) of every option, as the app lays out choice answers. */
async function codesTable(
  db: Knex,
  surveyId: number,
): Promise<{ sql: string; bindings: (string | number | boolean)[] }> {
  const layout = await createChoiceLayoutRepository(db).layoutOf(surveyId)
  const rows = [...layout.questions].flatMap(([questionId, question]) =>
    Object.entries(question.codes).map(
      ([value, code]) =>
        [questionId, value, present(question.slot, `Question ${questionId}'s slot`), code, question.multiple] as const,
    ),
  )
  const slots = [...layout.questions.values()].map((question) => question.slot ?? 0).sort((a, b) => a - b)
  if (slots.some((slot, index) => slot !== index + 1))
    throw new Error('The benchmark expects its choice questions in the slots 1, 2, 3…')
  return {
    sql:
      `(values ${rows.map(() => '(?::int, ?::text, ?::int, ?::int, ?::boolean)').join(', ')})` +
      ' as codes(question_id, option_value, slot, code, multiple)',
    bindings: rows.flat(),
  }
}

/**
 * Adds responses numbered [from, to] with every question answered, in set-based SQL only: the responses
 * with their choice codes (src/surveys/choice-layout.ts), then their answers, written together as a
 * real submission writes them in one transaction.
 */
export async function generateResponses(
  db: Knex,
  consultationId: number,
  surveyId: number,
  from: number,
  to: number,
): Promise<void> {
  const { before } = await db('responses').first<{ before: string }>(db.raw('coalesce(max(id), 0)::bigint as before'))
  const questions = await db('survey_questions')
    .where({ survey_id: surveyId })
    .orderBy('position')
    .select<{ id: number; type: string }[]>('id', 'type')
  const answersOf = (n: string) =>
    questions.map(({ id, type }, index) => answersSql(id, type, index + 1, n)).join(' union all ')
  const codes = await codesTable(db, surveyId)
  // Every choice question is answered, so the slots 1, 2, 3… are all filled and the array has no gaps.
  await db.raw(
    `insert into responses (consultation_id, survey_id, reference, channel, submitted_at, choice_codes)
     select ?, ?, 'BENCH-' || g, case when g % 5 = 0 then 'paper' else 'online' end,
       timestamptz '2024-01-01' + make_interval(secs => g),
       (select array_agg(value order by slot) from (
          select codes.slot,
            case when bool_or(codes.multiple) then bit_or(1::bigint << codes.code) else min(codes.code) end as value
          from (${answersOf('g')}) a(question_id, option_value)
          join ${codes.sql} on codes.question_id = a.question_id and codes.option_value = a.option_value
          group by codes.slot) by_slot)
     from generate_series(?::int, ?::int) g`,
    [consultationId, surveyId, ...codes.bindings, from, to],
  )
  await db.raw(
    `insert into response_answers (response_id, question_id, option_value, text_value, number_value, date_value)
     select r.id, a.* from responses r
     cross join lateral (${answersOf('substr(r.reference, 7)::int')}) a
     where r.consultation_id = ? and r.id > ?
     order by r.id`,
    [consultationId, before],
  )
  // As autovacuum would soon after a burst of inserts: statistics, and the visibility map that index-only scans need.
  await db.raw('vacuum analyze responses')
  await db.raw('vacuum analyze response_answers')
}

/** A consultation open through 2024 with the benchmark survey and no responses; gives its id and survey. */
export async function createBenchConsultation(
  db: Knex,
  slug: string,
): Promise<{ consultationId: number; survey: Survey }> {
  const consultationId = await createServices(db).consultationService.replaceConsultation({
    slug,
    title: 'Benchmark consultation',
    summary: '',
    opensAt: new Date('2024-01-01'),
    closesAt: new Date('2024-12-31'),
    publishedAt: null,
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [], audiences: [], topics: [] },
    feedback: null,
  })
  const surveys = createSurveyRepository(db)
  await db.transaction((trx) => surveys.insert(trx, consultationId, benchSurvey))
  return { consultationId, survey: present(await surveys.findByConsultationId(consultationId), 'The benchmark survey') }
}
