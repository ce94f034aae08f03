import type { Knex } from 'knex'

const TAXONOMIES = ['wards', 'audiences', 'topics'] as const
const JOIN_TABLES = {
  wards: ['consultation_wards', 'ward_id'],
  audiences: ['consultation_audiences', 'audience_id'],
  topics: ['consultation_topics', 'topic_id'],
} as const

export async function up(knex: Knex): Promise<void> {
  for (const taxonomy of TAXONOMIES) {
    await knex.schema.createTable(taxonomy, (table) => {
      table.increments('id')
      table.text('slug').notNullable().unique()
      table.text('name').notNullable()
      table.timestamp('retired_at', { useTz: true })
      table.timestamps(true, true)
    })
  }
  await knex.schema.alterTable('wards', (table) => {
    table.boolean('covers_all_areas').notNullable().defaultTo(false)
  })

  await knex.schema.createTable('consultations', (table) => {
    table.increments('id')
    table.text('slug').notNullable().unique()
    table.text('title').notNullable()
    table.text('summary').notNullable().defaultTo('')
    table.timestamp('opens_at', { useTz: true }).notNullable()
    table.timestamp('closes_at', { useTz: true }).notNullable()
    table.timestamp('published_at', { useTz: true })
    table.boolean('is_sample').notNullable().defaultTo(false)
    table.text('contact_name')
    table.text('contact_email')
    table.text('contact_phone')
    table.text('contact_address')
    // Section text, kept in step by the repository on every write, so the tsvector can be generated.
    table.text('search_text').notNullable().defaultTo('')
    table.timestamps(true, true)
  })
  await knex.raw(`
    ALTER TABLE consultations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') ||
      setweight(to_tsvector('english'::regconfig, coalesce(search_text, '')), 'C')
    ) STORED`)
  await knex.raw('CREATE INDEX consultations_search_vector_idx ON consultations USING GIN (search_vector)')
  await knex.raw('ALTER TABLE consultations ADD CONSTRAINT consultations_dates_check CHECK (closes_at > opens_at)')
  await knex.schema.alterTable('consultations', (table) => {
    table.index(['opens_at'])
    table.index(['closes_at'])
    table.index(['published_at'])
  })

  await knex.schema.createTable('consultation_sections', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.integer('position').notNullable()
    table.text('heading')
    table.text('body_markdown').notNullable()
    table.unique(['consultation_id', 'position'])
  })

  await knex.schema.createTable('consultation_links', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.integer('position').notNullable()
    table.text('title').notNullable()
    table.text('url').notNullable()
    table.unique(['consultation_id', 'position'])
  })

  await knex.schema.createTable('consultation_documents', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.integer('position').notNullable()
    table.text('title').notNullable()
    table.text('filename').notNullable()
    table.text('content_type').notNullable()
    table.integer('size_bytes').notNullable()
    table.binary('content').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['consultation_id', 'position'])
  })

  for (const taxonomy of TAXONOMIES) {
    const [joinTable, termColumn] = JOIN_TABLES[taxonomy]
    await knex.schema.createTable(joinTable, (table) => {
      table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
      table.integer(termColumn).notNullable().references(`${taxonomy}.id`).onDelete('RESTRICT')
      table.primary(['consultation_id', termColumn])
      table.index([termColumn])
    })
  }

  await knex.schema.createTable('consultation_feedback', (table) => {
    table.integer('consultation_id').primary().references('consultations.id').onDelete('CASCADE')
    table.text('we_asked').notNullable()
    table.text('you_said').notNullable()
    table.text('we_did').notNullable()
    table.timestamp('published_at', { useTz: true })
    table.timestamp('feedback_updated_at', { useTz: true }).notNullable()
    table.timestamp('results_updated_at', { useTz: true })
    table.index(['published_at'])
  })

  await knex.schema.createTable('sessions', (table) => {
    table.string('sid', 255).primary()
    table.json('sess').notNullable()
    table.timestamp('expired', { useTz: true }).notNullable().index()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions')
  await knex.schema.dropTable('consultation_feedback')
  for (const taxonomy of TAXONOMIES) await knex.schema.dropTable(JOIN_TABLES[taxonomy][0])
  for (const table of ['consultation_documents', 'consultation_links', 'consultation_sections', 'consultations']) {
    await knex.schema.dropTable(table)
  }
  for (const taxonomy of TAXONOMIES) await knex.schema.dropTable(taxonomy)
}
