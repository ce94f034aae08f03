import type { Knex } from 'knex'

/**
 * Published responses: a survey can ask how each response may be published; an analyst moderates the
 * responses that may be, and can redact parts of their answers. The original answer text is kept for
 * officers; `redacted_text` is what the public sees instead.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('surveys', (table) => {
    table.boolean('publish_responses').notNullable().defaultTo(false)
  })
  await knex.schema.alterTable('responses', (table) => {
    table.text('publishing_consent')
    table.text('published_name')
    table.text('published_organisation')
    table.text('moderation_status')
    table.timestamp('moderated_at', { useTz: true })
    table.index(['consultation_id', 'moderation_status'])
  })
  await knex.raw(
    `ALTER TABLE responses ADD CONSTRAINT responses_publishing_consent_check
     CHECK (publishing_consent IN ('with_name', 'without_name', 'do_not_publish'))`,
  )
  await knex.raw(
    `ALTER TABLE responses ADD CONSTRAINT responses_moderation_status_check
     CHECK (moderation_status IN ('awaiting', 'approved', 'rejected', 'withdrawn'))`,
  )
  // Only a response whose resident agreed to publication can ever be approved.
  await knex.raw(
    `ALTER TABLE responses ADD CONSTRAINT responses_publishable_check
     CHECK (moderation_status IS NULL OR publishing_consent IN ('with_name', 'without_name'))`,
  )
  await knex.schema.alterTable('response_answers', (table) => {
    table.text('redacted_text')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('response_answers', (table) => {
    table.dropColumn('redacted_text')
  })
  await knex.raw('ALTER TABLE responses DROP CONSTRAINT responses_publishable_check')
  await knex.raw('ALTER TABLE responses DROP CONSTRAINT responses_moderation_status_check')
  await knex.raw('ALTER TABLE responses DROP CONSTRAINT responses_publishing_consent_check')
  await knex.schema.alterTable('responses', (table) => {
    table.dropIndex(['consultation_id', 'moderation_status'])
    table.dropColumns(
      'publishing_consent',
      'published_name',
      'published_organisation',
      'moderation_status',
      'moderated_at',
    )
  })
  await knex.schema.alterTable('surveys', (table) => {
    table.dropColumn('publish_responses')
  })
}
