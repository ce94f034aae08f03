import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, postForm, signInAs } from '../support/auth'
import { parse } from '../support/html'
import { createSurveyFixture } from '../support/survey-fixtures'
import { addPage, builderPath, createConsultation } from './survey-helpers'

const context = useTestApp()
const NUL = '\u0000'
const SLUG = 'fixture-control-characters'
const dateFields = (name: string, year: string) => ({
  [`${name}-day`]: '1',
  [`${name}-month`]: '3',
  [`${name}-year`]: year,
  [`${name}-time`]: '09:00',
})

/** Saved without the control characters, or refused with a GOV.UK error: never a 500. */
function assertSavedOrExplained(response: request.Response, what: string) {
  if (response.status === 400) {
    assert.ok(parse(response.text)('.govuk-error-summary').length > 0, `${what}: a 400 without a message`)
    return
  }
  assert.ok([200, 303].includes(response.status), `${what} answered ${response.status}`)
}

async function assertNoNulIn(table: string, columns: string[], where: Record<string, unknown>) {
  const row = await context.db(table).where(where).first<Record<string, unknown> | undefined>(columns)
  assert.ok(row, `no ${table} row saved`)
  for (const column of columns) assert.ok(!String(row[column]).includes(NUL), `${table}.${column}`)
}

describe('a NUL byte in officer text', () => {
  let admin: TestAgent
  let consultationId: number
  before(async () => {
    admin = (await signInAs(context.app, context.db, 'admin')).agent
    consultationId = await createConsultation(admin, 'Control characters')
    await createSurveyFixture(context.db, { slug: SLUG, responses: [{ answers: { comments: 'Litter' } }] })
  })

  it('is taken out of the consultation form, keeping its line breaks', async () => {
    const form = '/admin/consultations/new'
    const response = await postForm(admin, form, form, {
      title: `Nul${NUL} title`,
      slug: '',
      summary: `Sum${NUL}mary`,
      body: `Intro${NUL}\r\n\r\n## Heading\u0007\n\nText\twith a tab.`,
      ...dateFields('opensAt', '2026'),
      ...dateFields('closesAt', '2027'),
      contactName: `Team${NUL}`,
      contactEmail: 'team@council.test',
      contactPhone: '',
      contactAddress: `Town${NUL} Hall`,
      links: `Lin${NUL}k | https://example.org/x`,
      wards: [`cas${NUL}tle`, 'westcotes'],
      retentionMonths: '12',
    })
    assertSavedOrExplained(response, 'the consultation form')
    await assertNoNulIn('consultations', ['title', 'summary', 'contact_name', 'contact_address'], {
      title: 'Nul title',
    })
    const sections = await context.db('consultation_sections').select('heading', 'body_markdown')
    const texts = sections.map(
      (row: { heading: string; body_markdown: string }) => `${row.heading}|${row.body_markdown}`,
    )
    assert.ok(texts.includes('Heading|Text\twith a tab.'), 'keeps tabs, takes out other control characters')
  })

  it('is taken out of the feedback form', async () => {
    const form = `/admin/consultations/${consultationId}/feedback`
    const response = await postForm(admin, form, form, {
      weAsked: `Asked${NUL}`,
      youSaid: `Said${NUL}`,
      weDid: `Did${NUL}`,
      'resultsUpdated-day': '',
      'resultsUpdated-month': '',
      'resultsUpdated-year': '',
    })
    assertSavedOrExplained(response, 'the feedback form')
    if (response.status === 303)
      await assertNoNulIn('consultation_feedback', ['we_asked', 'you_said', 'we_did'], {
        consultation_id: consultationId,
      })
  })

  it('is taken out of the survey settings, page and question forms', async () => {
    const settings = builderPath(consultationId)
    assertSavedOrExplained(
      await postForm(admin, settings, settings, { introMarkdown: `Intro${NUL}`, estimatedMinutes: '5' }),
      'the survey settings form',
    )
    const newPage = builderPath(consultationId, '/pages/new')
    assertSavedOrExplained(
      await postForm(admin, newPage, newPage, { title: `Page${NUL} one`, introMarkdown: `Intro${NUL}` }),
      'the page form',
    )
    const pageId = await addPage(admin, context.db, consultationId, 'Plain page')
    const question = builderPath(consultationId, `/pages/${pageId}/questions/new`)
    assertSavedOrExplained(
      await postForm(admin, `${question}?type=single_choice`, question, {
        type: 'single_choice',
        title: `Question${NUL} one`,
        hint: `Hint${NUL}`,
        newOptions: `Yes${NUL}\nNo`,
      }),
      'the question form',
    )
  })

  it('is taken out of the invite, taxonomy, codes and document forms', async () => {
    assertSavedOrExplained(
      await postForm(admin, '/admin/users/new', '/admin/users/new', {
        displayName: `New${NUL} officer`,
        email: `officer${NUL}@council.test`,
        role: 'analyst',
      }),
      'the invite form',
    )
    assertSavedOrExplained(
      await postForm(admin, '/admin/taxonomies/topics', '/admin/taxonomies/topics', { name: `Top${NUL}ic` }),
      'the taxonomy form',
    )
    const codes = `/admin/consultations/${SLUG}/codes`
    assertSavedOrExplained(
      await postForm(admin, codes, codes, { label: `Lit${NUL}ter`, description: `Rub${NUL}bish` }),
      'the codes form',
    )
    const documents = `/admin/consultations/${consultationId}/documents`
    const _csrf = await csrfTokenFrom(admin, documents)
    assertSavedOrExplained(
      await admin
        .post(documents)
        .field('_csrf', _csrf)
        .field('title', `Plan${NUL}`)
        .attach('document', Buffer.from('%PDF-1.4\n%%EOF\n'), 'plan.pdf'),
      'the document form',
    )
    for (const [table, columns] of [
      ['users', ['display_name', 'email']],
      ['topics', ['name']],
      ['consultation_codes', ['label', 'description']],
      ['consultation_documents', ['title']],
    ] as const) {
      const rows = await context.db(table).select<Record<string, unknown>[]>(columns)
      for (const row of rows)
        for (const column of columns) assert.ok(!String(row[column]).includes(NUL), `${table}.${column}`)
    }
  })

  it('is ignored in the admin searches', async () => {
    for (const path of [
      `/admin/consultations?q=${encodeURIComponent(`Con${NUL}trol`)}`,
      `/admin/consultations/${SLUG}/results/questions/comments?search=${encodeURIComponent(`Lit${NUL}`)}`,
      `/admin/consultations/${consultationId}/responses?channel=${encodeURIComponent(NUL)}`,
    ]) {
      const response = await admin.get(path)
      assert.equal(response.status, 200, `${path} answered ${response.status}`)
    }
  })
})
