import type { Knex } from 'knex'

export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'dropdown',
  'short_text',
  'long_text',
  'number',
  'date',
  'email',
  'postcode',
  'agreement',
  'matrix',
  'consent',
] as const

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('surveys', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().unique().references('consultations.id').onDelete('CASCADE')
    table.text('intro_markdown').notNullable().defaultTo('')
    table.integer('estimated_minutes')
    table.boolean('about_you_enabled').notNullable().defaultTo(false)
    table.timestamps(true, true)
  })

  await knex.schema.createTable('survey_pages', (table) => {
    table.increments('id')
    table.integer('survey_id').notNullable().references('surveys.id').onDelete('CASCADE')
    // Stable key used in URLs; it does not change when officers reorder pages.
    table.text('key').notNullable()
    table.integer('position').notNullable()
    table.text('title').notNullable()
    table.text('intro_markdown').notNullable().defaultTo('')
    table.boolean('is_about_you').notNullable().defaultTo(false)
    table.unique(['survey_id', 'key'])
  })

  await knex.schema.createTable('survey_questions', (table) => {
    table.increments('id')
    table.integer('survey_id').notNullable().references('surveys.id').onDelete('CASCADE')
    table.integer('page_id').notNullable().references('survey_pages.id').onDelete('CASCADE')
    table.text('key').notNullable()
    table.integer('position').notNullable()
    table.text('type').notNullable()
    table.text('title').notNullable()
    table.text('hint')
    table.boolean('required').notNullable().defaultTo(false)
    table.boolean('personal_data').notNullable().defaultTo(false)
    // Type-specific settings: minPicks, maxPicks, maxLength, min, max, allowOther, otherLabel, rows.
    table.jsonb('settings').notNullable().defaultTo('{}')
    table.unique(['survey_id', 'key'])
    table.index(['page_id'])
  })
  const types = QUESTION_TYPES.map((type) => `'${type}'`).join(', ')
  await knex.raw(`ALTER TABLE survey_questions ADD CONSTRAINT survey_questions_type_check CHECK (type IN (${types}))`)

  // Choices for single/multiple choice and dropdowns, and the scale of agreement and matrix questions.
  await knex.schema.createTable('survey_question_options', (table) => {
    table.increments('id')
    table.integer('question_id').notNullable().references('survey_questions.id').onDelete('CASCADE')
    table.text('value').notNullable()
    table.text('label').notNullable()
    table.integer('position').notNullable()
    table.unique(['question_id', 'value'])
  })

  // The statements (rows) of a matrix question.
  await knex.schema.createTable('survey_question_statements', (table) => {
    table.increments('id')
    table.integer('question_id').notNullable().references('survey_questions.id').onDelete('CASCADE')
    table.text('key').notNullable()
    table.text('label').notNullable()
    table.integer('position').notNullable()
    table.unique(['question_id', 'key'])
  })

  // "If the answer to question X is A, go to page N (or to the end)". Routes only go forward.
  await knex.schema.createTable('survey_routes', (table) => {
    table.increments('id')
    table.integer('page_id').notNullable().references('survey_pages.id').onDelete('CASCADE')
    table.integer('question_id').notNullable().references('survey_questions.id').onDelete('CASCADE')
    table.text('option_value').notNullable()
    table.text('target_page_key') // null means the end of the survey
    table.unique(['question_id', 'option_value'])
  })

  await knex.schema.createTable('responses', (table) => {
    table.bigIncrements('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.integer('survey_id').notNullable().references('surveys.id').onDelete('CASCADE')
    table.text('reference').notNullable().unique()
    table.text('channel').notNullable().defaultTo('online')
    table.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    // Makes submission idempotent: a replayed final POST carries the same key.
    table.text('submission_key').unique()
    table.boolean('is_sample').notNullable().defaultTo(false)
    table.integer('entered_by_user_id')
    table.index(['consultation_id', 'submitted_at'])
    table.index(['consultation_id', 'id'])
  })
  await knex.raw("ALTER TABLE responses ADD CONSTRAINT responses_channel_check CHECK (channel IN ('online', 'paper'))")

  // One row per answer value: a multiple-choice answer has a row per chosen option, a matrix a row per
  // statement. Normalised so that results are aggregate SQL over (question_id, option_value).
  await knex.schema.createTable('response_answers', (table) => {
    table.bigIncrements('id')
    table.bigInteger('response_id').notNullable().references('responses.id').onDelete('CASCADE')
    table.integer('question_id').notNullable().references('survey_questions.id').onDelete('RESTRICT')
    table.text('statement_key')
    table.text('option_value')
    table.text('text_value')
    table.decimal('number_value', 20, 6)
    table.date('date_value')
    table.index(['response_id'])
    table.index(['question_id', 'option_value'])
  })

  // Save and come back later: the token is stored only as a hash.
  await knex.schema.createTable('survey_drafts', (table) => {
    table.bigIncrements('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('token_hash').notNullable().unique()
    table.jsonb('answers').notNullable()
    table.timestamp('expires_at', { useTz: true }).notNullable().index()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'survey_drafts',
    'response_answers',
    'responses',
    'survey_routes',
    'survey_question_statements',
    'survey_question_options',
    'survey_questions',
    'survey_pages',
    'surveys',
  ]) {
    await knex.schema.dropTable(table)
  }
}
