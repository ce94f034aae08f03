import type { Knex } from 'knex'

/**
 * "Remind me before it closes": the address a resident gave when they emailed themselves a saved draft's link,
 * kept with that draft until the one reminder is queued (3 days before closing), and deleted then, when the
 * draft is sent or deleted, or when the consultation closes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('closing_reminders', (table) => {
    table.increments('id')
    table.bigInteger('draft_id').notNullable().unique().references('survey_drafts.id').onDelete('CASCADE')
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('email').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['consultation_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('closing_reminders')
}
