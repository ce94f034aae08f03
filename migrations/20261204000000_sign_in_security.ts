import type { Knex } from 'knex'

/**
 * users.session_generation: a session is valid while it carries the officer's current generation, so
 * a password change or reset ends every other session at once, on every instance.
 *
 * sign_in_backoffs: one row per throttled key (an account and IP pair, an IP, an account), counted
 * before each password check in one statement, so concurrent guesses cannot get past the limit.
 * The old fixed-window sign-in counters in rate_limit_counters are left to expire.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.integer('session_generation').notNullable().defaultTo(0)
  })
  await knex.schema.createTable('sign_in_backoffs', (table) => {
    table.text('key').primary()
    table.integer('attempts').notNullable()
    table.timestamp('window_started_at', { useTz: true }).notNullable().index()
    table.timestamp('next_allowed_at', { useTz: true }).notNullable()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_backoffs')
  await knex.schema.alterTable('users', (table) => table.dropColumn('session_generation'))
}
