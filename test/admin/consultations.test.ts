import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()

export const validConsultation = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Library opening hours',
  slug: '',
  summary: 'Tell us when you would like libraries to open.',
  body:
    'Intro paragraph.\n\n## Why we are asking\n\nBudgets are *tight*.\n\n' +
    '## What happens next\n\nWe will decide in spring.',
  'opensAt-day': '1',
  'opensAt-month': '3',
  'opensAt-year': '2026',
  'opensAt-time': '09:00',
  'closesAt-day': '30',
  'closesAt-month': '4',
  'closesAt-year': '2026',
  'closesAt-time': '23:59',
  contactName: 'Libraries team',
  contactEmail: 'libraries@council.test',
  contactPhone: '0116 000 0001',
  contactAddress: '',
  wards: ['castle', 'westcotes'],
  audiences: [],
  topics: [],
  links: 'Library strategy | https://example.org/libraries',
  retentionMonths: '12',
  ...overrides,
})

describe('creating and editing consultations', () => {
  let editor: TestAgent
  let createdId: number
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
  })

  it('creates a draft with a generated slug, London times and search text', async () => {
    const response = await postForm(editor, '/admin/consultations/new', '/admin/consultations/new', validConsultation())
    assert.equal(response.status, 303)
    createdId = Number(/\/admin\/consultations\/(\d+)$/.exec(response.headers.location ?? '')![1])
    const row = await context.db('consultations').where({ id: createdId }).first()
    assert.equal(row.slug, 'library-opening-hours')
    assert.equal(row.published_at, null)
    assert.equal(new Date(row.opens_at).toISOString(), '2026-03-01T09:00:00.000Z')
    assert.equal(new Date(row.closes_at).toISOString(), '2026-04-30T22:59:00.000Z', 'BST: 23:59 in London is 22:59 UTC')
    assert.match(row.search_text, /Why we are asking Budgets are tight/)
    assert.equal(row.retention_months, 12)
    const page = parse((await editor.get(String(response.headers.location)).expect(200)).text)
    assert.match(textOf(page), /Draft: not visible to the public/)
    assert.equal(
      (await request(context.app).get('/consultations/library-opening-hours')).status,
      404,
      'drafts are invisible',
    )
  })

  it('previews the draft exactly as the public page, with sections and wards', async () => {
    const page = parse((await editor.get(`/admin/consultations/${createdId}/preview`).expect(200)).text)
    assert.equal(fold(page('h1').text()), 'Library opening hours')
    assert.deepEqual(
      page('main h2.govuk-heading-m')
        .map((_, el) => fold(page(el).text()))
        .get()
        .slice(0, 2),
      ['Why we are asking', 'What happens next'],
    )
    assert.equal(page('a[href="/consultations?ward=castle"]').length, 1)
    assert.equal(page('a[href="https://example.org/libraries"]').length, 1)
  })

  it('shows zod errors in the GOV.UK pattern and keeps what was typed', async () => {
    const response = await postForm(
      editor,
      '/admin/consultations/new',
      '/admin/consultations/new',
      validConsultation({
        title: '',
        'opensAt-day': '31',
        'opensAt-month': '2',
        slug: 'Bad Slug!',
        contactEmail: 'nope',
        links: 'no url here',
        retentionMonths: 'x',
      }),
    )
    assert.equal(response.status, 400)
    const page = parse(response.text)
    const links = page('.govuk-error-summary a')
      .map((_, el) => page(el).attr('href'))
      .get()
    assert.deepEqual(
      new Set(links),
      new Set(['#title', '#opensAt-day', '#slug', '#contactEmail', '#links', '#retentionMonths']),
    )
    assert.match(fold(page('#opensAt-error').text()), /must be a real date/)
    assert.match(fold(page('#title-error').text()), /Enter a title/)
    assert.equal(page('#summary').text(), 'Tell us when you would like libraries to open.')
    assert.equal(page('#slug').attr('value'), 'Bad Slug!')
    assert.equal(page('input[name="wards"][value="castle"]').attr('checked'), 'checked')
  })

  it('refuses a closing date before the opening date', async () => {
    const response = await postForm(
      editor,
      '/admin/consultations/new',
      '/admin/consultations/new',
      validConsultation({ 'closesAt-year': '2025' }),
    )
    assert.equal(response.status, 400)
    assert.match(fold(parse(response.text)('#closesAt-error').text()), /closing date must be after the opening date/)
  })

  it('refuses a slug another consultation uses', async () => {
    const response = await postForm(
      editor,
      '/admin/consultations/new',
      '/admin/consultations/new',
      validConsultation({ slug: 'substance-misuse-services' }),
    )
    assert.equal(response.status, 400)
    assert.equal(parse(response.text)('.govuk-error-summary a[href="#slug"]').length, 1)
  })

  it('edits a consultation, keeping search_text in step', async () => {
    const form = parse((await editor.get(`/admin/consultations/${createdId}/edit`).expect(200)).text)
    assert.equal(form('#opensAt-time').attr('value'), '09:00')
    assert.match(form('#body').text(), /## Why we are asking/)
    const response = await postForm(
      editor,
      `/admin/consultations/${createdId}/edit`,
      `/admin/consultations/${createdId}/edit`,
      validConsultation({ slug: 'library-hours', body: '## Changed\n\nNew words about opening times.' }),
    )
    assert.equal(response.status, 303)
    const row = await context.db('consultations').where({ id: createdId }).first()
    assert.equal(row.slug, 'library-hours')
    assert.match(row.search_text, /Changed New words about opening times/)
  })

  it('publishes, appears publicly, then unpublishes', async () => {
    assert.equal(
      (await postForm(editor, `/admin/consultations/${createdId}`, `/admin/consultations/${createdId}/publish`)).status,
      303,
    )
    await request(context.app).get('/consultations/library-hours').expect(200)
    assert.equal(
      (await postForm(editor, `/admin/consultations/${createdId}`, `/admin/consultations/${createdId}/unpublish`))
        .status,
      303,
    )
    await request(context.app).get('/consultations/library-hours').expect(404)
  })

  it('clones a consultation as a new draft', async () => {
    const source = await context.db('consultations').where({ slug: 'substance-misuse-services' }).first('id')
    const response = await postForm(
      editor,
      `/admin/consultations/${source.id}`,
      `/admin/consultations/${source.id}/clone`,
    )
    assert.equal(response.status, 303)
    const copyId = Number(/(\d+)$/.exec(response.headers.location ?? '')![1])
    const copy = await context.db('consultations').where({ id: copyId }).first()
    assert.equal(copy.title, 'Copy of Substance misuse services')
    assert.equal(copy.published_at, null)
    const [original, copied] = await Promise.all(
      [source.id, copyId].map((id) =>
        context
          .db('consultation_wards')
          .where({ consultation_id: id })
          .count<{ count: string | number }[]>({ count: '*' })
          .first(),
      ),
    )
    assert.equal(copied!.count, original!.count)
  })

  it('lists consultations with filters by status and text', async () => {
    const drafts = parse((await editor.get('/admin/consultations?status=draft').expect(200)).text)
    const titles = drafts('tbody a')
      .map((_, el) => fold(drafts(el).text()))
      .get()
    assert.ok(titles.includes('Copy of Substance misuse services'))
    assert.ok(!titles.includes('Substance misuse services'))
    const search = parse((await editor.get('/admin/consultations?q=drug%20strategy').expect(200)).text)
    assert.deepEqual(
      search('tbody a')
        .map((_, el) => fold(search(el).text()))
        .get(),
      ["Leicester's Drug Strategy Consultation"],
    )
    assert.equal(fold(search('tbody td.govuk-table__cell--numeric').first().text()), '0')
    await editor.get('/admin/consultations?status=nonsense&q[]=x').expect(200)
  })

  it('records every write in the audit log, filterable by consultation', async () => {
    const { agent: admin } = await signInAs(context.app, context.db, 'admin')
    const page = parse((await admin.get(`/admin/audit?consultation=${createdId}`).expect(200)).text)
    const actions = page('tbody tr td:nth-child(3)')
      .map((_, el) => fold(page(el).text()))
      .get()
    assert.deepEqual(actions, [
      'consultation.unpublish',
      'consultation.publish',
      'consultation.update',
      'consultation.create',
    ])
    const update = fold(page('tbody tr').eq(2).find('td').eq(4).text())
    assert.match(update, /Slug: “library-opening-hours” to “library-hours”/)
  })
})
