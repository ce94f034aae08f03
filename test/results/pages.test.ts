import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp()
const agents = useSignedInAgents(context)
const BASE = '/admin/consultations/fixture-results-pages'

const RESPONSES: FixtureResponse[] = [
  ...Array.from({ length: 6 }, (_, index): FixtureResponse => ({
    answers: { plan: 'agree', ward: 'castle', comments: `Comment number ${index}` },
  })),
  {
    channel: 'paper',
    answers: { plan: 'disagree', ward: 'abbey', comments: 'Please <script>alert(1)</script> fix the paths' },
  },
  { channel: 'paper', answers: { plan: 'strongly_agree', ward: 'abbey', visits: 3 } },
]

const asAnalyst = (path: string) => agents.analyst.get(path)

describe('the analyst results pages', () => {
  before(async () => {
    await createSurveyFixture(context.db, { slug: 'fixture-results-pages', responses: RESPONSES })
  })

  it('are only for analysts and above', async () => {
    await request(context.app).get(`${BASE}/results`).expect(302).expect('location', '/admin/sign-in')
    await asAnalyst(`${BASE}/results`).expect(200)
    await agents.analyst.get(`${BASE}/results/publish`).expect(403)
    await agents.editor.get(`${BASE}/results/publish`).expect(200)
  })

  it('list every question, numbered, with the number of responses', async () => {
    const page = parse((await asAnalyst(`${BASE}/results`).expect(200)).text)
    assert.equal(fold(page('#respondent-count').text()), '8 responses')
    const questions = page('.app-question-list a')
      .map((_, el) => fold(page(el).text()))
      .get()
    assert.equal(questions.length, 12)
    assert.equal(questions[3], 'Q4. Do you agree with the plan?')
  })

  it('show a question as a chart with a text alternative and the same figures as a table', async () => {
    const page = parse((await asAnalyst(`${BASE}/results/questions/plan`).expect(200)).text)
    const svg = page('svg.app-bar-chart')
    assert.equal(svg.attr('role'), 'img')
    assert.match(
      fold(svg.find('desc').text()),
      /^Strongly agree: 13% \(1\); Agree: 75% \(6\); Neither agree nor disagree: 0% \(0\); Disagree: 13% \(1\)/,
    )
    const rows = page('table.app-results-table tbody tr')
      .map((_, el) => fold(page(el).text()))
      .get()
    assert.deepEqual(rows.slice(0, 2), ['Strongly agree 1 13% 13%', 'Agree 6 75% 75%'])
    assert.ok(rows.includes('Agree (strongly agree or agree) 7 88% 88%'))
    assert.ok(rows.includes('Disagree (disagree or strongly disagree) 1 13% 13%'))
    assert.equal(fold(page('.app-table-scroll + p').text()), '8 of 8 respondents answered.')
  })

  it('filter by channel and explain a bad date instead of failing', async () => {
    const filtered = `${BASE}/results/questions/plan?channel=paper&from-day=30&from-month=2&from-year=2024`
    const page = parse((await asAnalyst(filtered).expect(200)).text)
    assert.equal(fold(page('#respondent-count').text()), '2 responses match the filters')
    assert.match(textOf(page, '.govuk-error-summary'), /From date must be a real date/)
  })

  it('break a question down by ward, hiding groups of fewer than 5', async () => {
    const page = parse((await asAnalyst(`${BASE}/results/questions/plan?by=ward`).expect(200)).text)
    const agreeRow = page('table.app-cross-tab tbody tr').filter(
      (_, el) => fold(page(el).find('th').text()) === 'Agree',
    )
    assert.deepEqual(
      agreeRow
        .find('td')
        .map((_, el) => fold(page(el).text()))
        .get(),
      ['6 (100%)', 'fewer than 5'],
    )
  })

  it('list free text safely, searchable', async () => {
    const response = await asAnalyst(`${BASE}/results/questions/comments?search=paths`).expect(200)
    assert.ok(!response.text.includes('<script>alert(1)</script>'))
    const page = parse(response.text)
    assert.equal(fold(page('#answer-count').text()), '1 answer containing “paths”')
    assert.equal(fold(page('.app-answer-list__text').text()), 'Please <script>alert(1)</script> fix the paths')
  })

  it('gives a 404 for an unknown consultation or question', async () => {
    await asAnalyst('/admin/consultations/no-such-thing/results').expect(404)
    await asAnalyst(`${BASE}/results/questions/nope`).expect(404)
  })
})
