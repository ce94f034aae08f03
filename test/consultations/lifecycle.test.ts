import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { htmlErrorsIn } from '../browser/browser'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, postForm, useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import { consultationBetween, createConsultation, DAY } from '../support/lifecycle-fixtures'

const NOW = new Date('2026-12-02T12:00:00Z')
const context = useTestApp({ now: () => NOW })
const agents = useSignedInAgents(context)
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

const SEEDED_2014 = 'substance-misuse-services'
const SEEDED_2023 = 'leicesters-drug-strategy-consultation'
const SAMPLE = 'sample-consultation-parks-and-green-spaces'

const overview = async (slug: string) =>
  parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
const apiSlugs = async (query: string) => {
  const body = (await request(context.app).get(`/api/consultations?${query}&pageSize=100`).expect(200)).body as {
    consultations: { slug: string }[]
  }
  return new Set(body.consultations.map((consultation) => consultation.slug))
}

describe('from closing day to outcome', () => {
  const ids: Record<string, number> = {}
  before(async () => {
    await context.ready
    ids.overdue = await createConsultation(context.db, consultationBetween('closed-13-weeks', at(-120), at(-91)))
    ids.recent = await createConsultation(context.db, consultationBetween('closed-2-weeks', at(-40), at(-14)))
  })

  it('says in public when an outcome is overdue, with the date it was expected', async () => {
    const page = await overview('closed-13-weeks')
    assert.equal(fold(page('.govuk-summary-list .govuk-tag').text()), 'Closed: we are analysing your feedback')
    assert.equal(
      fold(page('.govuk-warning-text__text').text()),
      'Warning The outcome of this consultation is overdue. We expected to publish it by 25 November 2026.',
    )
  })

  it('shows the due date, 12 weeks after closing, while the feedback is being analysed', async () => {
    const page = await overview('closed-2-weeks')
    const text = textOf(page)
    assert.equal(fold(page('.govuk-summary-list .govuk-tag').text()), 'Closed: we are analysing your feedback')
    assert.match(text, /Outcome due 10 February 2027/)
    assert.match(text, /We are analysing your feedback and expect to publish the outcome by 10 February 2027\./)
    assert.equal(page('.govuk-warning-text').length, 0)
  })

  it('filters the finder, API and feed on the outcome, by the seeds and the clock', async () => {
    const awaiting = await apiSlugs('outcome=awaiting')
    const published = await apiSlugs('outcome=published')
    for (const slug of [SEEDED_2023, 'closed-13-weeks', 'closed-2-weeks']) assert.ok(awaiting.has(slug), slug)
    assert.ok(published.has(SEEDED_2014))
    for (const slug of [SEEDED_2014, SAMPLE]) assert.ok(!awaiting.has(slug), slug)
    for (const slug of [SEEDED_2023, SAMPLE, 'closed-2-weeks']) assert.ok(!published.has(slug), slug)
    assert.deepEqual(await apiSlugs('outcome=awaiting&outcome=published'), new Set([...awaiting, ...published]))

    const finder = parse((await request(context.app).get('/consultations?outcome=published').expect(200)).text)
    assert.equal(finder('input[name="outcome"]:checked').val(), 'published')
    assert.deepEqual(
      finder('.app-consultation-list__title')
        .map((_, el) => fold(finder(el).text()))
        .get(),
      ['Substance misuse services'],
    )
    assert.equal(fold(finder('.app-selected-filter').text()), 'Remove filter Outcome: Outcome published ×')
    const feed = await request(context.app).get('/consultations.atom?outcome=awaiting').expect(200)
    assert.match(feed.text, /closed-13-weeks/)
    assert.doesNotMatch(feed.text, new RegExp(`/consultations/${SEEDED_2014}<`))

    const bad = await request(context.app).get('/api/consultations?outcome=soon').expect(400)
    assert.deepEqual((bad.body as { problems: unknown[] }).problems, [
      { parameter: 'outcome', message: 'Outcome must be awaiting or published' },
    ])
  })

  it('turns into "Closed: outcome published" in the finder and API once feedback is published', async () => {
    const base = `/admin/consultations/${ids.recent}`
    const fields = { weAsked: 'About parks.', youSaid: 'More benches.', weDid: 'We added benches.' }
    assert.equal((await postForm(agents.editor, `${base}/feedback`, `${base}/feedback`, fields)).status, 303)
    assert.equal((await postForm(agents.editor, `${base}/feedback`, `${base}/feedback/publish`)).status, 303)

    const finder = parse((await request(context.app).get('/consultations?q=closed-2-weeks').expect(200)).text)
    assert.equal(fold(finder('.app-consultation-list .govuk-tag').first().text()), 'Closed: outcome published')
    const api = await request(context.app).get('/api/consultations/closed-2-weeks').expect(200)
    assert.deepEqual(
      [api.body.status, api.body.statusLabel, api.body.outcome],
      ['closed', 'Closed: outcome published', { dueOn: '2027-02-10', published: true, overdue: false }],
    )
    assert.ok((await apiSlugs('outcome=published')).has('closed-2-weeks'))
    assert.doesNotMatch(textOf(await overview('closed-2-weeks')), /Outcome due/)
  })
})

describe('the outcome due date in the consultation editor', () => {
  const form = (overrides: Record<string, string> = {}) => ({
    title: 'Bin collections',
    slug: 'bin-collections',
    summary: 'When should we collect bins?',
    body: '',
    ...{ 'opensAt-day': '1', 'opensAt-month': '3', 'opensAt-year': '2027', 'opensAt-time': '09:00' },
    ...{ 'closesAt-day': '30', 'closesAt-month': '4', 'closesAt-year': '2027', 'closesAt-time': '23:59' },
    ...{ contactName: '', contactEmail: '', contactPhone: '', contactAddress: '', links: '', retentionMonths: '12' },
    ...overrides,
  })
  const showPage = async (id: number) =>
    textOf(parse((await agents.editor.get(`/admin/consultations/${id}`).expect(200)).text))
  let id: number

  it('defaults to 12 weeks after closing, and follows the closing date until an officer chooses one', async () => {
    const created = await postForm(agents.editor, '/admin/consultations/new', '/admin/consultations/new', form())
    id = Number(/\/(\d+)$/.exec(created.headers.location ?? '')?.[1])
    assert.match(await showPage(id), /Outcome due by 23 July 2027 \(12 weeks after closing\)/)
    const edit = `/admin/consultations/${id}/edit`
    await postForm(agents.editor, edit, edit, form({ 'closesAt-day': '7', 'closesAt-month': '5' }))
    assert.match(await showPage(id), /Outcome due by 30 July 2027 \(12 weeks after closing\)/)
    const chosen = { 'outcomeDueOn-day': '1', 'outcomeDueOn-month': '9', 'outcomeDueOn-year': '2027' }
    await postForm(agents.editor, edit, edit, form(chosen))
    assert.match(await showPage(id), /Outcome due by 1 September 2027 Keep personal data/)
    const page = parse((await agents.editor.get(edit).expect(200)).text)
    assert.deepEqual(
      ['day', 'month', 'year'].map((part) => page(`#outcomeDueOn-${part}`).val()),
      ['1', '9', '2027'],
    )
  })

  it('refuses a date that is not real or not after closing, keeping what was typed', async () => {
    const edit = `/admin/consultations/${id}/edit`
    for (const [day, month, message] of [
      ['31', '2', 'The date the outcome is due must be a real date, like 27 3 2026'],
      ['1', '4', 'The date the outcome is due must be after the closing date'],
    ] as const) {
      const fields = form({ 'outcomeDueOn-day': day, 'outcomeDueOn-month': month, 'outcomeDueOn-year': '2027' })
      const response = await postForm(agents.editor, edit, edit, fields)
      assert.equal(response.status, 400)
      const page = parse(response.text)
      assert.equal(fold(page('.govuk-error-summary__list a').text()), message)
      assert.equal(page('.govuk-error-summary__list a').attr('href'), '#outcomeDueOn-day')
      assert.equal(page('#outcomeDueOn-day').val(), day)
    }
  })
})

describe('documents in other formats', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
  let id: number
  before(async () => {
    await context.ready
    id = await createConsultation(context.db, consultationBetween('formats', at(-1), at(20)))
  })
  const upload = async (fields: Record<string, string>) => {
    const _csrf = await csrfTokenFrom(agents.editor, `/admin/consultations/${id}/documents`)
    const post = agents.editor.post(`/admin/consultations/${id}/documents`).field('_csrf', _csrf)
    for (const [name, value] of Object.entries(fields)) post.field(name, value)
    return post.attach('document', PDF, 'file.pdf')
  }

  it('lists easy read and translations under "Other formats", apart from the main documents', async () => {
    assert.equal((await upload({ title: 'Proposals', format: '' })).status, 303)
    assert.equal((await upload({ title: 'Proposals', format: 'easy_read' })).status, 303)
    assert.equal((await upload({ title: 'Propozycje', format: 'other_language', language: 'Polish' })).status, 303)
    const html = (await request(context.app).get('/consultations/formats').expect(200)).text
    assert.deepEqual(await htmlErrorsIn(html), [])
    const page = parse(html)
    const itemsUnder = (heading: string) =>
      page(`h2:contains("${heading}") + ul li`)
        .map((_, el) => fold(page(el).text()))
        .get()
    assert.deepEqual(itemsUnder('Related documents and links'), [`Proposals (file.pdf, ${PDF.length} bytes)`])
    assert.deepEqual(itemsUnder('Other formats'), [
      `Easy read: Proposals (file.pdf, ${PDF.length} bytes)`,
      `Polish: Propozycje (file.pdf, ${PDF.length} bytes)`,
    ])
  })

  it('asks for the language of a document in another language, keeping the title', async () => {
    const response = await upload({ title: 'Cynigion', format: 'other_language', language: ' ' })
    assert.equal(response.status, 400)
    assert.deepEqual(await htmlErrorsIn(response.text), [])
    const page = parse(response.text)
    assert.equal(fold(page('#language-error').text()), 'Error: Enter the language the document is in')
    assert.equal(page('#title').val(), 'Cynigion')
    assert.equal(page('input[name="format"]:checked').val(), 'other_language')
  })
})

describe('the accessibility statement', () => {
  const PATH = '/admin/pages/accessibility'
  const statement = (overrides: Record<string, string> = {}) => ({
    compliance: 'partial',
    knownIssues: 'The map on the ward page has no text alternative.',
    contactEmail: 'access@council.test',
    contactPhone: '0116 000 0000',
    responseDays: '5',
    testing: 'Tested by the council’s digital team.',
    ...{ 'preparedOn-day': '1', 'preparedOn-month': '10', 'preparedOn-year': '2026' },
    ...{ 'reviewedOn-day': '2', 'reviewedOn-month': '12', 'reviewedOn-year': '2026' },
    ...overrides,
  })

  it('follows the model statement, with what an editor writes', async () => {
    assert.equal((await postForm(agents.editor, PATH, PATH, statement())).status, 303)
    const text = textOf(parse((await request(context.app).get('/accessibility').expect(200)).text))
    for (const expected of [
      'This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard',
      'Non-accessible content The content listed below is non-accessible for the following reasons.',
      'The map on the ward page has no text alternative.',
      'email access@council.test call 0116 000 0000',
      'get back to you in 5 working days',
      'Equality Advisory and Support Service (EASS)',
      'This statement was prepared on 1 October 2026. It was last reviewed on 2 December 2026.',
    ])
      assert.ok(text.includes(expected), `missing "${expected}"`)
    const audit = await context.db('audit_log').where({ action: 'page.update' }).first('entity_id')
    assert.equal(audit?.entity_id, 'accessibility')
  })

  it('refuses a review before preparation, and known issues missing when not fully compliant', async () => {
    const fields = statement({ knownIssues: '', 'reviewedOn-year': '2025' })
    const response = await postForm(agents.editor, PATH, PATH, fields)
    assert.equal(response.status, 400)
    assert.deepEqual(await htmlErrorsIn(response.text), [])
    const page = parse(response.text)
    assert.deepEqual(
      page('.govuk-error-summary__list a')
        .map((_, el) => page(el).attr('href'))
        .get(),
      ['#knownIssues', '#reviewedOn-day'],
    )
    assert.equal(page('#reviewedOn-year').val(), '2025')
    assert.equal((await agents.analyst.get(PATH)).status, 403)
  })
})
