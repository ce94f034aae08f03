import type { Knex } from 'knex'

/**
 * Indexes that let the results pages read a question's answers from the index alone. A response's answers
 * are written together, so one question's answers lie on every page of the table: at a million responses,
 * anything that visits the table for them reads all of it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('response_answers', (table) => {
    table.dropIndex(['question_id', 'option_value'])
    table.dropIndex(['question_id', 'response_id'])
  })
  // Counts per option, respondents per question, numbers, dates and cross-tabs: everything but the text.
  await knex.raw(
    'create index response_answers_question_covering_index on response_answers (question_id, response_id) include ' +
      '(statement_key, option_value, number_value, date_value)',
  )
  // The free-text answers that say something, newest response first.
  await knex.raw(
    'create index response_answers_question_text_index on response_answers (question_id, response_id) where ' +
      "text_value <> ''",
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index response_answers_question_text_index')
  await knex.raw('drop index response_answers_question_covering_index')
  await knex.schema.alterTable('response_answers', (table) => {
    table.index(['question_id', 'response_id'])
    table.index(['question_id', 'option_value'])
  })
}
