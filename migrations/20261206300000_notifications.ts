import type { Knex } from 'knex'

/**
 * Emails to residents (src/notifications). `outbox` holds every email as a job, written in the transaction of
 * the event that causes it; `dedupe_key` stops one event enqueueing twice, `reference` is the provider's
 * idempotency key. The address is cleared once the email is sent. `outcome_requests` keeps the addresses of
 * residents who asked to hear a consultation's outcome, apart from their response. `alert_subscriptions` keeps
 * alerts for new consultations: a finder filter, confirmed by a link whose token is kept only as a hash.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox', (table) => {
    table.bigIncrements('id')
    table.text('kind').notNullable()
    table.text('dedupe_key').notNullable().unique()
    table.text('reference').notNullable().unique()
    table.text('recipient')
    table.jsonb('personalisation').notNullable()
    table.text('status').notNullable().defaultTo('pending')
    table.integer('attempts').notNullable().defaultTo(0)
    table.timestamp('next_attempt_at', { useTz: true }).notNullable()
    table.timestamp('claimed_at', { useTz: true })
    table.text('claimed_by')
    table.timestamp('sent_at', { useTz: true })
    table.text('last_error')
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['status', 'next_attempt_at'])
  })
  await knex.raw(`ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed'))`)

  await knex.schema.createTable('outcome_requests', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('email').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['consultation_id', 'email'])
  })

  await knex.schema.createTable('alert_subscriptions', (table) => {
    table.increments('id')
    table.text('email').notNullable()
    table.jsonb('filter').notNullable()
    table.text('description').notNullable()
    table.text('frequency').notNullable()
    table.text('confirm_token_hash').unique()
    table.timestamp('confirm_expires_at', { useTz: true })
    table.timestamp('confirmed_at', { useTz: true })
    table.text('manage_secret').notNullable()
    table.timestamp('last_digest_at', { useTz: true })
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['email'])
  })
  await knex.raw(`ALTER TABLE alert_subscriptions ADD CONSTRAINT alert_subscriptions_frequency_check
    CHECK (frequency IN ('immediate', 'weekly'))`)

  // Alerts go out once per consultation; those published before alerts existed count as already announced.
  await knex.schema.alterTable('consultations', (table) => {
    table.timestamp('alerts_enqueued_at', { useTz: true })
  })
  await knex('consultations').whereNotNull('published_at').update({ alerts_enqueued_at: knex.fn.now() })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => table.dropColumn('alerts_enqueued_at'))
  await knex.schema.dropTable('alert_subscriptions')
  await knex.schema.dropTable('outcome_requests')
  await knex.schema.dropTable('outbox')
}
