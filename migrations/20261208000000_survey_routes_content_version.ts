import type { Knex } from 'knex'

/**
 * A survey's routes decide which page a resident sees next. No page cached whole shows them, but the survey
 * definitions kept between requests (src/page-cache/kept-reads.ts) hold them, so changing them changes the
 * content version like every other part of a survey.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE TRIGGER survey_routes_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_routes ' +
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_site_content_version()',
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER survey_routes_content_version ON survey_routes')
}
