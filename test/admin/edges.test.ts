import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { fold, parse, type Page, textOf } from '../support/html'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp()
const SLUG = 'fixture-edges'
const BASE = `/admin/consultations/${SLUG}`

/** Twelve responses, one a day from 1 to 12 January 2024; every fourth is on paper. */
const RESPONSES: FixtureResponse[] = Array.from({ length: 12 }, (_, index): FixtureResponse => ({
  channel: index % 4 === 0 ? 'paper' : 'online',
  submittedAt: new Date(Date.UTC(2024, 0, index + 1, 12)),
  answers: {
    'use-parks': 'yes',
    plan: index < 8 ? 'agree' : 'disagree',
    comments: `Comment ${index}: more benches, please`,
    ward: index < 7 ? 'castle' : 'abbey',
    ...(index === 0 ? { area: 'north' } : {}),
  },
}))

const validConsultation = (overrides: Record<string, string> = {}) => ({
  title: 'Edges',
  slug: '',
  summary: 'A consultation for the edge cases.',
  body: 'Intro.',
  'opensAt-day': '1',
  'opensAt-month': '3',
  'opensAt-year': '2026',
  'opensAt-time': '09:00',
  'closesAt-day': '30',
  'closesAt-month': '4',
  'closesAt-year': '2026',
  'closesAt-time': '23:59',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  contactAddress: '',
  links: '',
  retentionMonths: '12',
  ...overrides,
})

const summaryOf = (page: Page) =>
  page('.govuk-error-summary__list a')
    .map((_, el) => ({ text: fold(page(el).text()), href: page(el).attr('href') }))
    .get()
/** The ids of the inputs marked as wrong. */
const markedInputs = (page: Page) =>
  page('input.govuk-input--error')
    .map((_, el) => page(el).attr('id'))
    .get()

describe('edges of the admin pages', () => {
  let editor: TestAgent
  let consultationId: number

  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    consultationId = (await createSurveyFixture(context.db, { slug: SLUG, responses: RESPONSES })).consultationId
  })

  describe('one response filter, with GOV.UK date inputs', () => {
    const JAN_5_ON = 'from-day=5&from-month=1&from-year=2024'

    it('filters the results, and the download links and forms carry it', async () => {
      const page = parse((await editor.get(`${BASE}/results?${JAN_5_ON}&channel=online`).expect(200)).text)
      assert.equal(fold(page('#respondent-count').text()), '6 responses match the filters')
      const typed = page('#from-day, #from-month, #from-year')
        .map((_, el) => page(el).attr('value'))
        .get()
      assert.deepEqual(typed, ['5', '1', '2024'])
      assert.equal(page('#channel option[selected]').attr('value'), 'online')
      const query = 'from-day=5&from-month=1&from-year=2024&channel=online'
      assert.equal(page('a[href*="results.csv"]').attr('href'), `${BASE}/exports/results.csv?${query}`)
      assert.ok(page(`a[href="${BASE}/results/questions/plan?${query}"]`).length, 'question links keep the filter')
      const hidden = page('form[action$="responses.csv"] input[type="hidden"]')
      const carried = hidden.map((_, el) => `${page(el).attr('name')}=${page(el).attr('value')}`).get()
      assert.deepEqual(carried, query.split('&'))
    })

    it('filters the responses list and the exports the same way', async () => {
      const path = `/admin/consultations/${consultationId}/responses?${JAN_5_ON}&channel=online`
      const list = parse((await editor.get(path).expect(200)).text)
      assert.equal(fold(list('caption').text()), '6 responses')
      const csv = await editor.get(`${BASE}/exports/responses.csv?${JAN_5_ON}&channel=online`).expect(200)
      assert.equal(csv.text.trim().split('\n').length, 7, 'a header and 6 responses')
    })

    it('marks only the month when the month is 13, with the summary linking to it', async () => {
      for (const path of [`${BASE}/results`, `/admin/consultations/${consultationId}/responses`]) {
        const response = await editor.get(`${path}?from-day=5&from-month=13&from-year=2024`)
        const page = parse(response.text)
        const expected = [{ text: 'From date must be a real date, like 27 3 2026', href: '#from-month' }]
        assert.deepEqual(summaryOf(page), expected, path)
        assert.deepEqual(markedInputs(page), ['from-month'], path)
        assert.match(fold(page('#from-error').text()), /From date must be a real date/)
      }
    })

    it('names a missing part and marks it', async () => {
      const page = parse((await editor.get(`${BASE}/results?to-day=5&to-month=1`).expect(200)).text)
      assert.deepEqual(summaryOf(page), [{ text: 'To date must include a year', href: '#to-year' }])
      assert.deepEqual(markedInputs(page), ['to-year'])
    })
  })

  describe('date errors elsewhere mark the box at fault', () => {
    it('on the consultation form', async () => {
      const response = await postForm(
        editor,
        '/admin/consultations/new',
        '/admin/consultations/new',
        validConsultation({ 'opensAt-month': '13', 'closesAt-time': '25:99' }),
      )
      assert.equal(response.status, 400)
      const page = parse(response.text)
      assert.deepEqual(summaryOf(page), [
        { text: 'The date the consultation opens must be a real date, like 27 3 2026', href: '#opensAt-month' },
        { text: 'The time the consultation closes must be a real time, like 09:00 or 23:59', href: '#closesAt-time' },
      ])
      assert.deepEqual(markedInputs(page), ['opensAt-month', 'closesAt-time'])
      assert.match(fold(page('#closesAt-time-error').text()), /must be a real time/)
    })

    it('on the feedback form', async () => {
      const path = `/admin/consultations/${consultationId}/feedback`
      const feedback = (day: string, month: string) =>
        postForm(editor, path, path, {
          weAsked: 'a',
          youSaid: 'b',
          weDid: 'c',
          'resultsUpdated-day': day,
          'resultsUpdated-month': month,
          'resultsUpdated-year': '2026',
        })
      const page = parse((await feedback('31', '13')).text)
      const message = 'The results updated date must be a real date, like 27 3 2026'
      assert.deepEqual(summaryOf(page), [{ text: message, href: '#resultsUpdated-month' }])
      assert.deepEqual(markedInputs(page), ['resultsUpdated-month'])
      const day = parse((await feedback('30', '2')).text)
      assert.deepEqual(markedInputs(day), ['resultsUpdated-day'], '30 February is the day’s fault')
    })
  })

  it('asks for at least one answer on an empty paper form, and saves nothing', async () => {
    const form = `/admin/consultations/${consultationId}/responses/paper`
    const count = async () =>
      Number((await context.db('responses').where({ consultation_id: consultationId }).count({ n: '*' }))[0]!.n)
    const before = await count()
    const response = await postForm(editor, form, form, {})
    assert.equal(response.status, 400)
    const page = parse(response.text)
    assert.deepEqual(summaryOf(page), [{ text: 'Enter at least one answer from the paper form', href: '#use-parks' }])
    assert.match(fold(page('#use-parks-error').text()), /Enter at least one answer/)
    assert.equal(page('.govuk-notification-banner--success').length, 0)
    assert.equal(await count(), before)
  })

  it('says when there are not enough responses to break a question down', async () => {
    const page = parse((await editor.get(`${BASE}/results/questions/use-parks?by=area`).expect(200)).text)
    assert.equal(page('table.app-cross-tab').length, 0)
    assert.match(
      textOf(page, '#cross-tab-result'),
      /There are not enough responses to break down Q1\. Do you use the parks\? by Which area do you live in\?/,
    )
    const enough = parse((await editor.get(`${BASE}/results/questions/plan?by=ward`).expect(200)).text)
    assert.equal(enough('table.app-cross-tab').length, 1)
  })

  it('puts each results table in a scrollable, focusable, named region', async () => {
    const page = parse((await editor.get(`${BASE}/results/questions/plan?by=ward`).expect(200)).text)
    const regions = page('.app-table-scroll')
    assert.equal(regions.length, 2)
    regions.each((_, el) => {
      assert.equal(el.tagName, 'section', 'a named section is a region')
      assert.equal(page(el).attr('tabindex'), '0')
      assert.ok(page(el).attr('aria-label'))
      assert.equal(page(el).find('table').length, 1)
    })
  })

  it('confirms saved codes', async () => {
    const { codingService } = createServices(context.db)
    const code = await codingService.addCode(null, consultationId, { label: 'Benches' })
    assert.ok(code.ok)
    const question = `${BASE}/results/questions/comments`
    const page = parse((await editor.get(question).expect(200)).text)
    const answers = page('input[name="answers"]').attr('value')!
    const first = answers.split(',')[0]!
    const fields = { answers, back: '?page=1', [`codes-${first}`]: String(code.id) }
    const saved = await postForm(editor, question, `${question}/codes`, fields)
    assert.equal(saved.status, 303)
    const after = parse((await editor.get(saved.headers.location!).expect(200)).text)
    const banner = fold(after('.govuk-notification-banner--success').text())
    assert.equal(banner, 'Success Codes saved for the 12 answers on this page')
    const again = parse((await editor.get(saved.headers.location!).expect(200)).text)
    assert.equal(again('.govuk-notification-banner--success').length, 0, 'shown once')
  })

  it('marks a draft’s previews as a draft', async () => {
    const form = '/admin/consultations/new'
    const created = await postForm(editor, form, form, validConsultation({ title: 'Draft edges' }))
    const id = Number(/(\d+)$/.exec(created.headers.location!)![1])
    const preview = parse((await editor.get(`/admin/consultations/${id}/preview`).expect(200)).text)
    assert.equal(
      fold(preview('.govuk-notification-banner').text()),
      'Preview Draft: residents cannot see this yet It is not published. This preview shows how it will look.',
    )
    const published = parse((await editor.get(`/admin/consultations/${consultationId}/preview`).expect(200)).text)
    assert.match(fold(published('.govuk-notification-banner').text()), /This consultation is published/)
    const survey = await context.db('consultations').where({ id: consultationId }).update({ published_at: null })
    assert.equal(survey, 1)
    const surveyPath = `/admin/consultations/${consultationId}/survey/preview/views`
    const surveyPreview = parse((await editor.get(surveyPath).expect(200)).text)
    assert.match(fold(surveyPreview('.govuk-notification-banner').text()), /Draft: residents cannot see this yet/)
    const publishedAt = new Date('2023-12-01T00:00:00Z')
    await context.db('consultations').where({ id: consultationId }).update({ published_at: publishedAt })
  })

  it('shows an audit entry as a readable summary, not raw JSON', async () => {
    const { agent } = await signInAs(context.app, context.db, 'admin')
    await postForm(editor, `${BASE}/results/publish`, `${BASE}/results/publish`, { questions: ['plan', 'use-parks'] })
    const page = parse((await agent.get(`/admin/audit?consultation=${consultationId}`).expect(200)).text)
    const row = page('tbody tr')
      .filter((_, el) => fold(page(el).find('td').eq(2).text()) === 'results.publish')
      .first()
    const change = fold(row.find('td').eq(4).text())
    assert.match(change, /^Question ids: \d+, \d+$/)
    assert.ok(!page('main').text().includes('{"'), 'no raw JSON')
    assert.equal(page('section.app-table-scroll[aria-label] table').length, 1)
  })

  it('shows the first 5 of many audiences, the rest behind Show more', async () => {
    const audiences = Array.from({ length: 90 }, (_, index) => ({
      slug: `edge-${index}`,
      name: `Edge audience ${index}`,
    }))
    const rows: { id: number }[] = await context.db('audiences').insert(audiences).returning('id')
    await context
      .db('consultation_audiences')
      .insert(rows.map(({ id: audienceId }) => ({ consultation_id: consultationId, audience_id: audienceId })))
    const page = parse((await editor.get(`/consultations/${SLUG}`).expect(200)).text)
    const heading = page('h2').filter((_, el) => fold(page(el).text()) === 'Audiences')
    const shown = heading.next('ul').find('a')
    assert.equal(shown.length, 5)
    const details = heading.nextAll('details').first()
    assert.equal(fold(details.find('.govuk-details__summary-text').text()), 'Show 85 more audiences')
    assert.equal(details.find('a').length, 85)
  })
})
