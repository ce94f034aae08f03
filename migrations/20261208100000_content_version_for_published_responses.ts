import type { Knex } from 'knex'

/**
 * Responses change the content version only where a public page shows them: where some of a consultation's
 * results are public, or where a response is approved for publishing (before or after the change). Before,
 * every new response to a consultation that lets residents publish theirs changed it, though a new response
 * waits for moderation and shows nowhere: each one threw away every kept page and took the version row's lock.
 */
const SHOWN_IN_PUBLIC = (rows: string) => `
  EXISTS (SELECT 1 FROM ${rows} WHERE moderation_status = 'approved')
  OR EXISTS (
    SELECT 1 FROM (SELECT DISTINCT consultation_id FROM ${rows}) r
    JOIN surveys s ON s.consultation_id = r.consultation_id
    JOIN survey_questions q ON q.survey_id = s.id AND q.results_public
  )`

const bumpWhen = (condition: string) => `
  BEGIN
    IF ${condition} THEN
      UPDATE site_content_version SET version = version + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
  END`

export async function up(knex: Knex): Promise<void> {
  for (const event of ['insert', 'update', 'delete'])
    await knex.raw(`DROP TRIGGER responses_${event}_content_version ON responses`)
  await knex.raw('DROP FUNCTION bump_site_content_version_for_public_results()')
  await knex.raw(`
    CREATE FUNCTION bump_site_content_version_for_public_responses() RETURNS trigger LANGUAGE plpgsql AS $$
    ${bumpWhen(SHOWN_IN_PUBLIC('changed_rows'))} $$`)
  await knex.raw(`
    CREATE FUNCTION bump_site_content_version_for_changed_public_responses() RETURNS trigger LANGUAGE plpgsql AS $$
    ${bumpWhen(`${SHOWN_IN_PUBLIC('old_rows')} OR ${SHOWN_IN_PUBLIC('new_rows')}`)} $$`)
  await knex.raw(
    'CREATE TRIGGER responses_insert_content_version AFTER INSERT ON responses REFERENCING NEW TABLE AS changed_rows ' +
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version_for_public_responses()',
  )
  await knex.raw(
    'CREATE TRIGGER responses_delete_content_version AFTER DELETE ON responses REFERENCING OLD TABLE AS changed_rows ' +
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version_for_public_responses()',
  )
  await knex.raw(
    'CREATE TRIGGER responses_update_content_version AFTER UPDATE ON responses ' +
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows ' +
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version_for_changed_public_responses()',
  )
}

export async function down(knex: Knex): Promise<void> {
  for (const event of ['insert', 'update', 'delete'])
    await knex.raw(`DROP TRIGGER responses_${event}_content_version ON responses`)
  await knex.raw('DROP FUNCTION bump_site_content_version_for_changed_public_responses()')
  await knex.raw('DROP FUNCTION bump_site_content_version_for_public_responses()')
  await knex.raw(`
    CREATE FUNCTION bump_site_content_version_for_public_results() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM (SELECT DISTINCT consultation_id FROM changed_rows) r
        JOIN surveys s ON s.consultation_id = r.consultation_id
        WHERE s.publish_responses
          OR EXISTS (SELECT 1 FROM survey_questions q WHERE q.survey_id = s.id AND q.results_public)
      ) THEN
        UPDATE site_content_version SET version = version + 1 WHERE id = 1;
      END IF;
      RETURN NULL;
    END $$`)
  for (const [event, rows] of [
    ['INSERT', 'NEW'],
    ['UPDATE', 'NEW'],
    ['DELETE', 'OLD'],
  ] as const)
    await knex.raw(
      `CREATE TRIGGER ?? AFTER ${event} ON responses REFERENCING ${rows} TABLE AS changed_rows ` +
        'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version_for_public_results()',
      [`responses_${event.toLowerCase()}_content_version`],
    )
}
