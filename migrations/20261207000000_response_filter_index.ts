import type { Knex } from 'knex'

/**
 * A consultation's responses in id order with what the results filters read (when and how each came in),
 * so that a filtered results page finds its responses' ids from this index alone: at a million responses,
 * reading the responses table itself for them took longer than the rest of the page. It keeps the key of
 * the index it replaces, which the export and the response lists walk.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index responses_consultation_filter_index on responses (consultation_id, id) ' +
      'include (submitted_at, channel)',
  )
  await knex.schema.alterTable('responses', (table) => table.dropIndex(['consultation_id', 'id']))
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('responses', (table) => table.index(['consultation_id', 'id']))
  await knex.raw('drop index responses_consultation_filter_index')
}
