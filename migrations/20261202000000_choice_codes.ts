import type { Knex } from 'knex'

/**
 * Each response's choice answers as numbers in one array beside it (see src/surveys/choice-layout.ts),
 * so counting a question, or crossing two, is one pass over a consultation's responses instead of a
 * join of two questions' million answers. Slots and codes are given here to what exists already, and
 * the array filled in from the answers stored.
 */
const CHOICE_TYPES = ['single_choice', 'multiple_choice', 'dropdown', 'agreement', 'matrix', 'consent']

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('survey_questions', (table) => table.smallint('choice_slot'))
  await knex.schema.alterTable('survey_question_statements', (table) => table.smallint('choice_slot'))
  await knex.schema.alterTable('survey_question_options', (table) => table.smallint('code'))
  await knex.schema.alterTable('responses', (table) =>
    table.specificType('choice_codes', 'bigint[]').notNullable().defaultTo('{}'),
  )

  await knex.raw(`
    update survey_question_options o set code = numbered.code
    from (
      select id, row_number() over (partition by question_id order by position, id) as code
      from survey_question_options
    ) numbered
    where numbered.id = o.id`)
  await knex.raw(
    `with slots as (
       select q.survey_id, q.id as question_id, null::int as statement_id, 0 as statement_position
       from survey_questions q where q.type in (${CHOICE_TYPES.map(() => '?').join(', ')}) and q.type <> 'matrix'
       union all
       select q.survey_id, q.id, s.id, s.position
       from survey_questions q join survey_question_statements s on s.question_id = q.id where q.type = 'matrix'
     ), numbered as (
       select question_id, statement_id,
         row_number() over (partition by survey_id order by question_id, statement_position, statement_id) as slot
       from slots
     ), questions as (
       update survey_questions q set choice_slot = numbered.slot
       from numbered where numbered.statement_id is null and numbered.question_id = q.id
     )
     update survey_question_statements s set choice_slot = numbered.slot
     from numbered where numbered.statement_id = s.id`,
    CHOICE_TYPES,
  )

  // Each answered slot's value: the option's code (0 for "Other"), or a bit per option for checkboxes.
  await knex.raw(`
    with answered as (
      select a.response_id, coalesce(s.choice_slot, q.choice_slot) as slot,
        case when q.type = 'multiple_choice' then bit_or(1::bigint << coalesce(o.code, 0)::int)
          else min(coalesce(o.code, 0)) end as value
      from response_answers a
      join survey_questions q on q.id = a.question_id
      left join survey_question_statements s on s.question_id = a.question_id and s.key = a.statement_key
      left join survey_question_options o on o.question_id = a.question_id and o.value = a.option_value
      where a.option_value is not null and (o.code is not null or a.option_value = '__other__')
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
    from arrays where arrays.response_id = r.id`)
  // Figures computed the old way are computed again.
  await knex('results_cache').delete()
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('responses', (table) => table.dropColumn('choice_codes'))
  await knex.schema.alterTable('survey_question_options', (table) => table.dropColumn('code'))
  await knex.schema.alterTable('survey_question_statements', (table) => table.dropColumn('choice_slot'))
  await knex.schema.alterTable('survey_questions', (table) => table.dropColumn('choice_slot'))
}
