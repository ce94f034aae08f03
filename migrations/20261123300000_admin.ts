import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    table.increments('id')
    table.text('email').notNullable().unique()
    table.text('display_name').notNullable()
    table.text('password_hash')
    table.text('role').notNullable()
    table.boolean('active').notNullable().defaultTo(true)
    table.text('totp_secret')
    table.timestamp('totp_enabled_at', { useTz: true })
    table.text('password_reset_token_hash').unique()
    table.timestamp('password_reset_expires_at', { useTz: true })
    table.timestamp('last_signed_in_at', { useTz: true })
    table.timestamps(true, true)
  })
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'editor', 'analyst'))`)

  await knex.schema.createTable('user_recovery_codes', (table) => {
    table.increments('id')
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
    table.text('code_hash').notNullable()
    table.timestamp('used_at', { useTz: true })
    table.index(['user_id'])
  })

  // Fixed-window counters shared by every app instance (sign-in failures and any later limits).
  await knex.schema.createTable('rate_limit_counters', (table) => {
    table.text('key').notNullable()
    table.timestamp('window_start', { useTz: true }).notNullable()
    table.integer('count').notNullable().defaultTo(0)
    table.primary(['key', 'window_start'])
    table.index(['window_start'])
  })

  await knex.schema.createTable('audit_log', (table) => {
    table.bigIncrements('id')
    table.integer('user_id').references('users.id').onDelete('SET NULL')
    table.text('user_email')
    table.text('action').notNullable()
    table.text('entity_type').notNullable()
    table.text('entity_id')
    table.integer('consultation_id').references('consultations.id').onDelete('SET NULL')
    table.jsonb('changes').notNullable().defaultTo('{}')
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['user_id'])
    table.index(['consultation_id'])
    table.index(['created_at'])
  })

  await knex.schema.createTable('site_settings', (table) => {
    table.text('key').primary()
    table.jsonb('value').notNullable()
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })

  await knex.schema.alterTable('consultations', (table) => {
    table.integer('retention_months').notNullable().defaultTo(24)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => table.dropColumn('retention_months'))
  for (const table of ['site_settings', 'audit_log', 'rate_limit_counters', 'user_recovery_codes', 'users']) {
    await knex.schema.dropTable(table)
  }
}
