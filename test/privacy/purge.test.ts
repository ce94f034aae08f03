import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { parse, textOf } from '../support/html'
import { addResponses, createSurveyFixture, type SurveyFixture } from '../support/survey-fixtures'
import { PERSONAL_WORDS, PURGE_RESPONSES, surveyWithOrganisation } from './purge-fixture'

let clock = new Date('2026-02-28T12:00:00Z')
const now = () => clock
const context = useTestApp({ now })
const PERSONAL_KEYS = ['email', 'ward', 'age-band', 'organisation']

describe('the personal-data purge', () => {
  let fixture: SurveyFixture
  let services: ReturnType<typeof createServices>
  const answersTo = (keys: string[]) =>
    context
      .db('response_answers as a')
      .join('survey_questions as q', 'q.id', 'a.question_id')
      .where('q.survey_id', fixture.survey.id)
      .whereIn('q.key', keys)
      .count<{ count: string | number }[]>({ count: '*' })
      .first()
      .then((row) => Number(row?.count ?? 0))
  const purgeAudits = (consultationId: number) =>
    context.db('audit_log').where({ action: 'personal-data.purge', consultation_id: consultationId }).select('*')
  const nonPersonalResults = async () => {
    const target = (await services.resultsService.findSurvey(fixture.slug))!
    return services.resultsService.allResults(target, {}, (question) => !PERSONAL_KEYS.includes(question.key))
  }
  const choiceCodes = () =>
    context.db('responses').where({ consultation_id: fixture.consultationId }).orderBy('id').pluck('choice_codes')

  before(async () => {
    await context.ready
    services = createServices(context.db, { now })
    fixture = await createSurveyFixture(context.db, {
      slug: 'purge-fixture',
      responses: PURGE_RESPONSES,
      survey: surveyWithOrganisation,
    })
    await context.db('survey_drafts').insert({
      consultation_id: fixture.consultationId,
      token_hash: 'purge-test-draft',
      answers: JSON.stringify({ email: 'resident.three@example.org' }),
      expires_at: new Date('2024-03-01T00:00:00Z'),
    })
    // Two residents chose to publish their responses with their names, and an officer approved both.
    await context.db('surveys').where({ id: fixture.survey.id }).update({ publish_responses: true })
    for (const [reference, organisation] of [
      [fixture.references[0], 'Friends of Abbey Park'],
      [fixture.references[1], null],
    ])
      await context.db('responses').where({ reference }).update({
        publishing_consent: 'with_name',
        published_name: 'Jane Smith',
        published_organisation: organisation,
        moderation_status: 'approved',
      })
  })

  const publicPage = (reference: string) =>
    request(context.app)
      .get(`/consultations/${fixture.slug}/responses/${reference}`)
      .expect(200)
      .then((response) => textOf(parse(response.text)))

  it('removes nothing before the retention period after the close has passed', async () => {
    const run = await services.purgeService.runPurge()
    assert.ok(run.ran)
    assert.equal(run.purged.filter((counts) => counts.consultationId === fixture.consultationId).length, 0)
    assert.equal(await answersTo(PERSONAL_KEYS), 7)
    assert.equal((await purgeAudits(fixture.consultationId)).length, 0)
    assert.match(await publicPage(fixture.references[0]!), /Published as Jane Smith, Friends of Abbey Park/)
  })

  it('then deletes About you, emails, organisations and drafts, keeping other answers and results', async () => {
    const resultsBefore = await nonPersonalResults()
    const codesBefore = await choiceCodes()
    const otherAnswersBefore = await context
      .db('response_answers')
      .whereIn('response_id', context.db('responses').where({ consultation_id: fixture.consultationId }).select('id'))
      .count<{ count: string | number }[]>({ count: '*' })
      .first()

    clock = new Date('2026-03-01T00:05:00Z')
    const run = await services.purgeService.runPurge()
    assert.ok(run.ran)
    assert.deepEqual(
      run.purged.find((counts) => counts.consultationId === fixture.consultationId),
      {
        consultationId: fixture.consultationId,
        personalQuestions: 4,
        answersDeleted: 7,
        responsesAffected: 3,
        draftsDeleted: 1,
        publishedNamesRemoved: 2,
      },
    )
    assert.equal(await answersTo(PERSONAL_KEYS), 0)
    assert.equal(
      Number(otherAnswersBefore?.count) - 7,
      await answersTo(['use-parks', 'visit-for', 'facilities', 'comments', 'area', 'plan', 'visits']),
    )
    assert.equal((await context.db('survey_drafts').where({ consultation_id: fixture.consultationId })).length, 0)
    assert.deepEqual(await nonPersonalResults(), resultsBefore)

    // The published responses stay public, but as anonymous: the names and organisations are gone.
    const published = await context
      .db('responses')
      .where({ consultation_id: fixture.consultationId, moderation_status: 'approved' })
      .select('published_name', 'published_organisation')
    assert.deepEqual(published, [
      { published_name: null, published_organisation: null },
      { published_name: null, published_organisation: null },
    ])
    for (const reference of fixture.references.slice(0, 2)) {
      const page = await publicPage(reference)
      assert.match(page, /Published as Anonymous/)
      assert.doesNotMatch(page, /Jane Smith|Friends of Abbey Park/)
    }

    // Only the About you slots (ward, age) are emptied; every other choice code is as it was.
    const target = (await services.resultsService.findSurvey(fixture.slug))!
    const personalSlots = ['ward', 'age-band'].map(
      (key) =>
        target.layout.questions.get(target.questions.find(({ question }) => question.key === key)!.question.id)!.slot!,
    )
    const codesAfter = await choiceCodes()
    for (const [index, before] of codesBefore.entries()) {
      const expected = (before as (string | null)[]).map((code, slot) =>
        personalSlots.includes(slot + 1) ? null : code,
      )
      assert.deepEqual(codesAfter[index], expected)
    }
  })

  it('records the purge in the audit log with its counts, never the content', async () => {
    const [audit, ...others] = await purgeAudits(fixture.consultationId)
    assert.equal(others.length, 0)
    assert.equal(audit.user_id, null)
    const changes = typeof audit.changes === 'string' ? JSON.parse(audit.changes) : audit.changes
    assert.deepEqual(changes.after, {
      personalQuestions: 4,
      answersDeleted: 7,
      responsesAffected: 3,
      draftsDeleted: 1,
      publishedNamesRemoved: 2,
    })
    const everything = JSON.stringify(await context.db('audit_log').select('*'))
    for (const words of [...PERSONAL_WORDS, 'Jane Smith'])
      assert.ok(!everything.includes(words), `the audit log holds ${words}`)
  })

  it('does nothing on a second run, and purges a late paper response on the next', async () => {
    const again = await services.purgeService.runPurge()
    assert.ok(again.ran)
    assert.deepEqual(again.purged, [])
    assert.equal((await purgeAudits(fixture.consultationId)).length, 1)

    await addResponses(context.db, fixture.survey, fixture.consultationId, [
      { channel: 'paper', answers: { 'use-parks': 'yes', email: 'late@example.org' } },
    ])
    const late = await services.purgeService.runPurge()
    assert.ok(late.ran)
    assert.deepEqual(
      late.purged.map(({ consultationId, answersDeleted, responsesAffected }) => [
        consultationId,
        answersDeleted,
        responsesAffected,
      ]),
      [[fixture.consultationId, 1, 1]],
    )
  })

  it('runs once when two instances start it together', async () => {
    clock = new Date('2026-02-01T00:00:00Z')
    const second = await createSurveyFixture(context.db, {
      slug: 'purge-fixture-two',
      responses: PURGE_RESPONSES,
      survey: surveyWithOrganisation,
    })
    await context.db('consultations').where({ id: second.consultationId }).update({ retention_months: 1 })
    clock = new Date('2024-04-02T00:00:00Z')
    const runs = await Promise.all([
      services.purgeService.runPurge(),
      createServices(context.db, { now }).purgeService.runPurge(),
    ])
    const purgedTimes = runs
      .flatMap((run) => (run.ran ? run.purged : []))
      .filter((counts) => counts.consultationId === second.consultationId).length
    assert.equal(purgedTimes, 1)
    assert.equal((await purgeAudits(second.consultationId)).length, 1)
  })
})
