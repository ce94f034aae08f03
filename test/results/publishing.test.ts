import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp({ now: () => new Date('2024-04-02T09:00:00Z') })
const agents = useSignedInAgents(context)
const SLUG = 'fixture-publishing'

const RESPONSES: FixtureResponse[] = [
  { answers: { plan: 'agree', comments: 'A secret thought about the bins' } },
  { answers: { plan: 'agree', 'use-parks': 'yes' } },
  { answers: { plan: 'disagree', 'use-parks': 'no' } },
  { answers: { plan: 'strongly_agree' } },
]

const publishForm = async () =>
  parse((await agents.editor.get(`/admin/consultations/${SLUG}/results/publish`).expect(200)).text)

describe('publishing results', () => {
  before(async () => {
    await createSurveyFixture(context.db, { slug: SLUG, responses: RESPONSES })
  })

  it('shows no Results section until an editor publishes some', async () => {
    const page = parse((await request(context.app).get(`/consultations/${SLUG}`).expect(200)).text)
    assert.equal(page('#results-heading').length, 0)
  })

  it('lets an editor, not an analyst, choose questions; free text is not offered', async () => {
    await agents.analyst.get(`/admin/consultations/${SLUG}/results/publish`).expect(403)
    const form = await publishForm()
    const offered = form('input[name="questions"]')
      .map((_, el) => form(el).attr('value'))
      .get()
    assert.ok(offered.includes('plan'))
    assert.ok(!offered.includes('comments'))
    assert.ok(!offered.includes('email'))
  })

  it('then shows the chosen questions under Results with the Results updated date, and never free text', async () => {
    const form = await publishForm()
    const csrf = form('input[name="_csrf"]').attr('value')!
    await agents.editor
      .post(`/admin/consultations/${SLUG}/results/publish`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&questions=plan&questions=comments`)
      .expect(303)
    const published = parse((await agents.editor.get(`/admin/consultations/${SLUG}/results/publish`).expect(200)).text)
    assert.equal(
      textOf(published, '.govuk-notification-banner'),
      'Success Published results updated: 1 question public',
    )
    const audited = await context.db('audit_log').orderBy('id', 'desc').first('action')
    assert.equal(audited.action, 'results.publish')

    const page = parse((await request(context.app).get(`/consultations/${SLUG}`).expect(200)).text)
    const section = textOf(page, 'section[aria-labelledby="results-heading"]')
    assert.match(section, /^Results 4 responses\. Results updated 2 April 2024/)
    assert.ok(section.includes('Q4. Do you agree with the plan?'))
    assert.ok(section.includes('Agree (strongly agree or agree) fewer than 5 withheld withheld'))
    assert.ok(!section.includes('Any comments?'))
    assert.ok(!textOf(page).includes('A secret thought'))
    assert.equal(
      fold(page('section[aria-labelledby="results-heading"] svg desc').first().text()).split(';')[1]!.trim(),
      'Agree: fewer than 5',
    )
  })
})
