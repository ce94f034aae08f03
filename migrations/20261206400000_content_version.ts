import type { Knex } from 'knex'

/** Every table whose rows a public page shows. A later table that public pages read adds the same trigger. */
const PUBLIC_CONTENT_TABLES = [
  'consultations',
  'consultation_sections',
  'consultation_links',
  'consultation_documents',
  'consultation_feedback',
  'consultation_events',
  'consultation_wards',
  'consultation_audiences',
  'consultation_topics',
  'wards',
  'audiences',
  'topics',
  'site_settings',
  'surveys',
  'survey_pages',
  'survey_questions',
  'survey_question_options',
  'survey_question_statements',
]

const RESPONSE_EVENTS = [
  ['INSERT', 'NEW'],
  ['UPDATE', 'NEW'],
  ['DELETE', 'OLD'],
] as const

/**
 * One number that changes, in the same transaction, with anything a public page shows, so that every app
 * instance knows from its next request that a page it keeps is out of date (src/page-cache). Responses
 * count only where a consultation's results are public or its responses may be published, since only there
 * does a public page show them; answers change in public only by an officer's redaction (an UPDATE).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE site_content_version (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      version bigint NOT NULL DEFAULT 1
    )`)
  await knex.raw('INSERT INTO site_content_version DEFAULT VALUES')
  await knex.raw(`
    CREATE FUNCTION bump_site_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE site_content_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`)
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
  for (const table of PUBLIC_CONTENT_TABLES) {
    await knex.raw(
      `CREATE TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ?? ` +
        'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version()',
      [`${table}_content_version`, table],
    )
  }
  await knex.raw(
    'CREATE TRIGGER response_answers_update_content_version AFTER UPDATE ON response_answers ' +
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version()',
  )
  // A trigger with a transition table takes one event, and a statement-level one costs a bulk load one check.
  for (const [event, rows] of RESPONSE_EVENTS) {
    await knex.raw(
      `CREATE TRIGGER ?? AFTER ${event} ON responses REFERENCING ${rows} TABLE AS changed_rows ` +
        'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version_for_public_results()',
      [`responses_${event.toLowerCase()}_content_version`],
    )
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of PUBLIC_CONTENT_TABLES)
    await knex.raw('DROP TRIGGER ?? ON ??', [`${table}_content_version`, table])
  await knex.raw('DROP TRIGGER response_answers_update_content_version ON response_answers')
  for (const [event] of RESPONSE_EVENTS)
    await knex.raw('DROP TRIGGER ?? ON responses', [`responses_${event.toLowerCase()}_content_version`])
  await knex.raw('DROP FUNCTION bump_site_content_version_for_public_results()')
  await knex.raw('DROP FUNCTION bump_site_content_version()')
  await knex.raw('DROP TABLE site_content_version')
}
