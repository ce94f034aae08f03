import type { Knex } from 'knex'

/**
 * From closing day to outcome: each consultation's outcome due date, 12 weeks after it closes unless an
 * officer chose another (`outcome_due_set`), and documents marked as another format of the main ones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => {
    table.timestamp('outcome_due_at', { useTz: true })
    table.boolean('outcome_due_set').notNullable().defaultTo(false)
  })
  // 12 weeks of London calendar days after closing, at the same wall-clock time, whatever the clocks did.
  await knex.raw(`
    UPDATE consultations
    SET outcome_due_at = ((closes_at AT TIME ZONE 'Europe/London') + interval '84 days') AT TIME ZONE 'Europe/London'`)
  await knex.raw('ALTER TABLE consultations ALTER COLUMN outcome_due_at SET NOT NULL')
  await knex.schema.alterTable('consultations', (table) => table.index(['outcome_due_at']))

  await knex.schema.alterTable('consultation_documents', (table) => {
    table.text('format')
    table.text('format_language')
  })
  await knex.raw(`
    ALTER TABLE consultation_documents ADD CONSTRAINT consultation_documents_format_check CHECK (
      (format IS NULL AND format_language IS NULL) OR (
        format IN ('easy_read', 'large_print', 'bsl_video', 'other_language', 'response_form')
        AND (format = 'other_language') = (format_language IS NOT NULL)
      )
    )`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE consultation_documents DROP CONSTRAINT consultation_documents_format_check')
  await knex.schema.alterTable('consultation_documents', (table) => {
    table.dropColumn('format_language')
    table.dropColumn('format')
  })
  await knex.schema.alterTable('consultations', (table) => {
    table.dropIndex(['outcome_due_at'])
    table.dropColumn('outcome_due_set')
    table.dropColumn('outcome_due_at')
  })
}
