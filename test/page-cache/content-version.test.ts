import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import { appWithAllRoutes } from '../support/app'
import { signInAs } from '../support/auth'
import { openTestDatabase, type TestDatabase } from '../support/database'
import { expectRedirect, submitForm } from '../support/browser-forms'
import { parse, textOf } from '../support/html'
import { type Agent, answerPages, newAgent, SAMPLE_SLUG, SURVEY } from '../surveys/journey-helpers'

let database: TestDatabase
before(async () => {
  database = await openTestDatabase()
})
after(() => database.close())

describe('what changes the content version', () => {
  /** Every table a public page shows changes the version; these hold nothing a public page shows. */
  const NOT_SHOWN_IN_PUBLIC = [
    'alert_subscriptions',
    'answer_codes',
    'closing_reminders',
    'audit_log',
    'knex_migrations',
    'knex_migrations_lock',
    'officer_email_opt_outs',
    'officer_notices',
    'outbox',
    'outcome_requests',
    'rate_limit_counters',
    'results_cache',
    'sessions',
    'setup_tokens',
    'sign_in_backoffs',
    'site_content_version',
    'survey_drafts',
    'user_recovery_codes',
    'users',
    'consultation_codes',
  ]

  it('is changed by a response only once it is published or counted in public results', async () => {
    const version = async () => String((await database.db('site_content_version').first('version')).version)
    const sample = await database.db('consultations').where({ slug: SAMPLE_SLUG }).first('id')
    const survey = await database.db('surveys').where({ consultation_id: sample.id }).first('id')
    await database.db('surveys').where({ id: survey.id }).update({ publish_responses: true })
    await database.db('survey_questions').where({ survey_id: survey.id }).update({ results_public: false })
    const before = await version()
    const [response] = await database
      .db('responses')
      .insert({
        consultation_id: sample.id,
        survey_id: survey.id,
        reference: 'ANON-VERSION1',
        publishing_consent: 'without_name',
        moderation_status: 'awaiting',
      })
      .returning('id')
    assert.equal(await version(), before, 'a response waiting for moderation shows nowhere')
    const moderate = (status: string) =>
      database.db('responses').where({ id: response.id }).update({ moderation_status: status })
    await moderate('approved')
    const approved = await version()
    assert.notEqual(approved, before, 'approving it publishes it')
    await moderate('withdrawn')
    assert.notEqual(await version(), approved, 'withdrawing it takes it off the public pages')
  })

  it('is changed by every table that is not known to be private', async () => {
    const tables = await database
      .db('information_schema.tables')
      .where({ table_schema: 'public', table_type: 'BASE TABLE' })
      .pluck('table_name')
    const withTrigger = new Set(
      await database
        .db('information_schema.triggers')
        .where('trigger_name', 'like', '%content_version')
        .pluck('event_object_table'),
    )
    const unaccounted = tables.filter((table) => !withTrigger.has(table) && !NOT_SHOWN_IN_PUBLIC.includes(table))
    assert.deepEqual(unaccounted, [], 'each new table must bump the content version or be listed here as private')
  })
})

describe('survey definitions kept between a resident’s pages', () => {
  let resident: Agent
  let officersInstance: Express
  before(() => {
    resident = newAgent(appWithAllRoutes(database.db))
    officersInstance = appWithAllRoutes(database.db)
  })
  const parksPage = async () => textOf(parse((await resident.get(`${SURVEY}/the-parks-you-use`).expect(200)).text))
  const answerVisits = (frequency: string) => answerPages(resident, [['your-visits', { 'visit-frequency': frequency }]])

  it('show an officer’s change on the other instance from the next page the resident opens', async () => {
    assert.equal(await answerVisits('weekly'), `${SURVEY}/the-parks-you-use`)
    assert.match(await parksPage(), /Which park do you visit most\?/)
    const { id } = await database.db('consultations').where({ slug: SAMPLE_SLUG }).first('id')
    const question = await database.db('survey_questions').where({ key: 'main-park' }).first('id')
    const { agent } = await signInAs(officersInstance, database.db, 'editor')
    const edit = `/admin/consultations/${id}/survey/questions/${question.id}/edit`
    expectRedirect(await submitForm(agent, edit, { title: 'Which park do you go to most?' }), 'editing the question')
    assert.match(await parksPage(), /Which park do you go to most\?/)
  })

  it('follow an operator’s change to the survey’s routes from the next answer', async () => {
    await database.db('survey_routes').where({ option_value: 'never' }).update({ option_value: 'weekly' })
    assert.equal(await answerVisits('weekly'), `${SURVEY}/what-would-help`)
  })
})
