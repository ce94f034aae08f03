import type { Knex } from 'knex'

/**
 * Events linked to a consultation (drop-in sessions, public meetings, webinars): when, where (a venue or
 * an online link) and how to book. Times are instants; the pages show them in Europe/London time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consultation_events', (table) => {
    table.increments('id')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('title').notNullable()
    table.text('kind').notNullable()
    table.timestamp('starts_at', { useTz: true }).notNullable()
    table.timestamp('ends_at', { useTz: true }).notNullable()
    table.text('venue_address')
    table.text('accessibility')
    table.integer('ward_id').references('wards.id').onDelete('SET NULL')
    table.text('online_url')
    table.text('description').notNullable()
    table.boolean('booking_required').notNullable().defaultTo(false)
    table.text('booking_details')
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['consultation_id', 'starts_at'])
    table.index(['ends_at'])
  })
  await knex.raw(`
    ALTER TABLE consultation_events
      ADD CONSTRAINT consultation_events_kind CHECK (kind IN ('drop-in', 'public-meeting', 'webinar', 'other')),
      ADD CONSTRAINT consultation_events_ends_after_start CHECK (ends_at > starts_at),
      ADD CONSTRAINT consultation_events_venue_or_online CHECK ((venue_address IS NULL) <> (online_url IS NULL))
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consultation_events')
}
