import type { Knex } from 'knex'

/**
 * A consultation's owner: the officer who hears about it by email (src/notifications/officer-*). Consultations
 * made before owners existed have none, rather than a guessed officer getting emails nobody asked them for.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => {
    table.integer('owner_id').references('users.id').onDelete('SET NULL')
    table.index(['owner_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => table.dropColumn('owner_id'))
}
