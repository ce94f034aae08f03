import type { Knex } from 'knex'

/**
 * Emails to a consultation's owner (src/notifications/officer-*). `officer_notices` remembers what each
 * consultation's owner has been told (opened, closed, feedback due, the last response milestone), so nothing is
 * sent twice; it is kept apart from `consultations` so that it does not touch the public pages' cache.
 * `officer_email_opt_outs` lists the kinds an officer turned off in their account; every kind is on by default.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('officer_notices', (table) => {
    table.integer('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE')
    table.text('kind').notNullable()
    table.integer('milestone').notNullable().defaultTo(0)
    // The response that reached the milestone: the next is found by counting at most 100 after it.
    table.bigInteger('last_response_id').notNullable().defaultTo(0)
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.primary(['consultation_id', 'kind'])
  })
  await knex.raw(`ALTER TABLE officer_notices ADD CONSTRAINT officer_notices_kind_check
    CHECK (kind IN ('opened', 'closed', 'feedback-due', 'responses'))`)

  await knex.schema.createTable('officer_email_opt_outs', (table) => {
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
    table.text('kind').notNullable()
    table.primary(['user_id', 'kind'])
  })

  // What happened before these emails existed counts as told.
  for (const [kind, column] of [
    ['opened', 'opens_at'],
    ['closed', 'closes_at'],
    ['feedback-due', 'outcome_due_at'],
  ] as const) {
    await knex.raw(
      `INSERT INTO officer_notices (consultation_id, kind) SELECT id, ? FROM consultations WHERE ?? <= now()`,
      [kind, column],
    )
  }
  await knex.raw(`INSERT INTO officer_notices (consultation_id, kind, milestone, last_response_id)
    SELECT consultation_id, 'responses', rn, id FROM (
      SELECT consultation_id, id, row_number() OVER (PARTITION BY consultation_id ORDER BY id) AS rn,
             count(*) OVER (PARTITION BY consultation_id) AS total
      FROM responses WHERE NOT is_sample) numbered
    WHERE rn = CASE WHEN total >= 100 THEN total / 100 * 100 ELSE 1 END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('officer_email_opt_outs')
  await knex.schema.dropTable('officer_notices')
}
