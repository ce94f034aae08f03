import type { Knex } from 'knex'

/**
 * Agreement and matrix questions built in the survey builder were stored without their scale: the public
 * survey showed the standard agreement scale, but with no options the answers had no codes in
 * responses.choice_codes (see src/surveys/choice-layout.ts), so the results counted none of them and
 * the exports showed stored values rather than labels. This stores the standard scale as those
 * questions' options, with codes, gives any of their slots that are missing, and fills in the choice
 * codes of the responses that answered them. Surveys whose questions have their options are untouched.
 */

/** The standard agreement scale, as src/surveys/types.ts had it when this was written. */
const AGREEMENT_SCALE = [
  { value: 'strongly_agree', label: 'Strongly agree' },
  { value: 'agree', label: 'Agree' },
  { value: 'neither', label: 'Neither agree nor disagree' },
  { value: 'disagree', label: 'Disagree' },
  { value: 'strongly_disagree', label: 'Strongly disagree' },
  { value: 'dont_know', label: "Don't know" },
]
const CHOICE_TYPES = ['single_choice', 'multiple_choice', 'dropdown', 'agreement', 'matrix', 'consent']

interface Repaired {
  id: number
  survey_id: number
  type: string
}

/** `?, ?, …`: one placeholder per value, so every value goes in as a binding. */
const placeholders = (values: unknown[]) => values.map(() => '?').join(', ')

/** The smallest numbers from 1 that are not in `used`, one for each of `count`. */
function unusedNumbers(used: Set<number>, count: number): number[] {
  const numbers: number[] = []
  for (let candidate = 1; numbers.length < count; candidate++) if (!used.has(candidate)) numbers.push(candidate)
  return numbers
}

interface SlotRow {
  question_id: number
  type: string
  question_slot: number | null
  statement_id: number | null
  statement_slot: number | null
}

/** Gives a slot to each choice question (or matrix statement) of the survey that has none. */
async function fillMissingSlots(knex: Knex, surveyId: number): Promise<void> {
  const rows: SlotRow[] = await knex('survey_questions as q')
    .leftJoin('survey_question_statements as s', 's.question_id', 'q.id')
    .where('q.survey_id', surveyId)
    .whereIn('q.type', CHOICE_TYPES)
    .orderBy(['q.id', 's.position', 's.id'])
    .select(
      'q.id as question_id',
      'q.type',
      'q.choice_slot as question_slot',
      's.id as statement_id',
      's.choice_slot as statement_slot',
    )
  const slots = rows.flatMap((row) => {
    if (row.type !== 'matrix') return [{ table: 'survey_questions', id: row.question_id, slot: row.question_slot }]
    return row.statement_id === null
      ? []
      : [{ table: 'survey_question_statements', id: row.statement_id, slot: row.statement_slot }]
  })
  const missing = slots.filter((row) => row.slot === null)
  if (missing.length === 0) return
  const numbers = unusedNumbers(new Set(slots.flatMap((row) => (row.slot === null ? [] : [row.slot]))), missing.length)
  for (const [index, row] of missing.entries())
    await knex(row.table).where({ id: row.id }).update({ choice_slot: numbers[index] })
}

export async function up(knex: Knex): Promise<void> {
  const repaired: Repaired[] = await knex('survey_questions as q')
    .whereIn('q.type', ['agreement', 'matrix'])
    .whereNotExists(knex('survey_question_options as o').whereRaw('o.question_id = q.id'))
    .orderBy('q.id')
    .select('q.id', 'q.survey_id', 'q.type')
  if (repaired.length === 0) return

  // The scale, coded 1 to 6 as the builder would have coded it (0 is "Other", which these questions lack).
  await knex('survey_question_options').insert(
    repaired.flatMap((question) =>
      AGREEMENT_SCALE.map((option, position) => ({
        question_id: question.id,
        ...option,
        position,
        code: position + 1,
      })),
    ),
  )
  const surveyIds = [...new Set(repaired.map((question) => question.survey_id))]
  for (const surveyId of surveyIds) await fillMissingSlots(knex, surveyId)

  // Each response that answered a repaired question has its whole choice_codes array worked out again from
  // its stored answers, as the choice codes upgrade (20261202000000) did for every response.
  const questionIds = repaired.map((question) => question.id)
  await knex.raw(
    `with touched as (
       select distinct response_id from response_answers where question_id in (${placeholders(questionIds)})
     ), answered as (
       select a.response_id, coalesce(s.choice_slot, q.choice_slot) as slot,
         case when q.type = 'multiple_choice' then bit_or(1::bigint << coalesce(o.code, 0)::int)
           else min(coalesce(o.code, 0)) end as value
       from response_answers a
       join touched t on t.response_id = a.response_id
       join survey_questions q on q.id = a.question_id
       left join survey_question_statements s on s.question_id = a.question_id and s.key = a.statement_key
       left join survey_question_options o on o.question_id = a.question_id and o.value = a.option_value
       where a.option_value is not null and (o.code is not null or a.option_value = '__other__')
         and coalesce(s.choice_slot, q.choice_slot) is not null
       group by a.response_id, coalesce(s.choice_slot, q.choice_slot), q.type
     ), arrays as (
       select response_id, array_agg(value order by slot) as values, array_agg(slot order by slot) as slots
       from answered group by response_id
     )
     update responses r set choice_codes = (
       select array_agg(v.value order by g.slot)
       from generate_series(1, (select max(slot) from unnest(arrays.slots) slot)) g(slot)
       left join unnest(arrays.slots, arrays.values) v(slot, value) on v.slot = g.slot
     )
     from arrays where arrays.response_id = r.id`,
    questionIds,
  )
  // Figures kept for these consultations counted none of the repaired answers.
  await knex('results_cache')
    .whereIn('consultation_id', knex('surveys').whereIn('id', surveyIds).select('consultation_id'))
    .delete()
}

/** The repair is kept: the options it stored are what the questions always showed residents. */
export async function down(): Promise<void> {
  // Nothing to undo.
}
