import type { Knex } from 'knex'

/**
 * A question's numbers and dates in order, each in an index of its own that holds only them and their
 * responses' ids (for the filters' join): the
 * summary of a number or date question reads a third of what the covering index holds per answer, and
 * a median is found by counting along the index rather than sorting every answer.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index response_answers_question_number_index on response_answers (question_id, number_value) include ' +
      '(response_id) where number_value is not null',
  )
  await knex.raw(
    'create index response_answers_question_date_index on response_answers (question_id, date_value) include ' +
      '(response_id) where date_value is not null',
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index response_answers_question_date_index')
  await knex.raw('drop index response_answers_question_number_index')
}
