import type { Knex } from 'knex'

/**
 * Aggregates already computed for a consultation's results pages, each stamped with the set of responses
 * it was computed from (their count and highest id), so a new or deleted response makes it stale at once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('results_cache', (table) => {
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('cache_key').notNullable()
    table.text('responses_stamp').notNullable()
    table.jsonb('value').notNullable()
    table.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.primary(['consultation_id', 'cache_key'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('results_cache')
}
