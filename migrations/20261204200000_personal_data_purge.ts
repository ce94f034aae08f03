import type { Knex } from 'knex'

/**
 * What the scheduled purge (src/privacy/purge-service.ts) last did to a consultation's personal data: when,
 * and up to which response id, so a run looks only at consultations past their retention period with
 * responses it has not purged yet (a paper response can arrive late).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => {
    table.timestamp('personal_data_purged_at', { useTz: true })
    table.bigInteger('personal_data_purged_through_id')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (table) => {
    table.dropColumn('personal_data_purged_through_id')
    table.dropColumn('personal_data_purged_at')
  })
}
