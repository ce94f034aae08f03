import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  // An editor chooses which questions' results the public overview page shows.
  await knex.schema.alterTable('survey_questions', (table) => {
    table.boolean('results_public').notNullable().defaultTo(false)
  })

  // Codes (themes) that analysts define per consultation and tag free-text answers with.
  await knex.schema.createTable('consultation_codes', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('label').notNullable()
    table.text('description').notNullable().defaultTo('')
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['consultation_id', 'label'])
  })

  await knex.schema.createTable('answer_codes', (table) => {
    table.bigInteger('answer_id').notNullable().references('response_answers.id').onDelete('CASCADE')
    table.integer('code_id').notNullable().references('consultation_codes.id').onDelete('CASCADE')
    table.primary(['answer_id', 'code_id'])
    table.index(['code_id'])
  })

  // Results count a question's answers per option; respondents per question need the response too.
  await knex.schema.alterTable('response_answers', (table) => {
    table.index(['question_id', 'response_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('response_answers', (table) => {
    table.dropIndex(['question_id', 'response_id'])
  })
  await knex.schema.dropTable('answer_codes')
  await knex.schema.dropTable('consultation_codes')
  await knex.schema.alterTable('survey_questions', (table) => {
    table.dropColumn('results_public')
  })
}
