import type { Knex } from 'knex'

/**
 * A trigram index over the free-text answers, so that searching them (`ilike '%…%'`) reads only the
 * answers that could match rather than every answer to the question. pg_trgm ships with PostgreSQL
 * (contrib) and is a trusted extension, so the database's owner may create it; PGlite loads it too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm')
  await knex.raw(
    'create index response_answers_text_trigram_index on response_answers using gin (text_value gin_trgm_ops) ' +
      "where text_value <> ''",
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index response_answers_text_trigram_index')
}
