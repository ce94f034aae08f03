import type { Knex } from 'knex'

/**
 * One-time links for making the first admin, issued by each server start while there is no officer yet
 * (src/admin/setup). Only the token's SHA-256 hash is kept; every link stops working once an officer exists.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('setup_tokens', (table) => {
    table.text('token_hash').primary()
    table.timestamp('expires_at', { useTz: true }).notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('setup_tokens')
}
