import assert from 'node:assert/strict'
import type { Knex } from 'knex'
import type TestAgent from 'supertest/lib/agent'
import type { TestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'

/** Creates a draft consultation through the admin form and returns its id. */
export async function createConsultation(
  agent: TestAgent,
  title: string,
  dates = { opens: ['1', '1', '2026'], closes: ['31', '12', '2030'] },
): Promise<number> {
  const response = await postForm(agent, '/admin/consultations/new', '/admin/consultations/new', {
    title,
    slug: '',
    summary: `About ${title}.`,
    body: 'Why we ask.',
    'opensAt-day': dates.opens[0]!,
    'opensAt-month': dates.opens[1]!,
    'opensAt-year': dates.opens[2]!,
    'opensAt-time': '09:00',
    'closesAt-day': dates.closes[0]!,
    'closesAt-month': dates.closes[1]!,
    'closesAt-year': dates.closes[2]!,
    'closesAt-time': '23:59',
    contactName: 'Team',
    contactEmail: 'team@council.test',
    contactPhone: '',
    contactAddress: '',
    links: '',
    retentionMonths: '12',
  })
  assert.equal(response.status, 303, `create consultation: ${response.status}`)
  return Number(/(\d+)$/.exec(String(response.headers.location))![1])
}

/** Signs in a new editor, who creates a draft consultation: a survey builder test's starting point. */
export async function editorWithConsultation(
  context: TestApp,
  title: string,
): Promise<{ editor: TestAgent; id: number }> {
  const editor = (await signInAs(context.app, context.db, 'editor')).agent
  return { editor, id: await createConsultation(editor, title) }
}

export const builderPath = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/survey${rest}`

/** Adds a page through the builder and returns its id. */
export async function addPage(agent: TestAgent, db: Knex, consultationId: number, title: string): Promise<number> {
  const response = await postForm(
    agent,
    builderPath(consultationId, '/pages/new'),
    builderPath(consultationId, '/pages/new'),
    { title, introMarkdown: '' },
  )
  assert.equal(response.status, 303, `add page: ${response.status}`)
  const row = await db('survey_pages')
    .join('surveys', 'surveys.id', 'survey_pages.survey_id')
    .where({ 'surveys.consultation_id': consultationId, 'survey_pages.title': title })
    .orderBy('survey_pages.id', 'desc')
    .first('survey_pages.id')
  return row.id
}

/** Adds a question through the builder and returns its id. */
export async function addQuestion(
  agent: TestAgent,
  db: Knex,
  consultationId: number,
  pageId: number,
  fields: Record<string, string | string[]>,
): Promise<number> {
  const form = builderPath(consultationId, `/pages/${pageId}/questions/new?type=${String(fields.type)}`)
  const response = await postForm(agent, form, builderPath(consultationId, `/pages/${pageId}/questions/new`), fields)
  assert.equal(response.status, 303, `add question: ${response.status}`)
  const row = await db('survey_questions').where({ page_id: pageId, title: fields.title }).first('id')
  return row.id
}

/** The error summary's links: each message and the field it points to. */
export const errorSummary = (html: string) => {
  const page = parse(html)
  return page('.govuk-error-summary__list a')
    .map((_, el) => ({ text: fold(page(el).text()), href: page(el).attr('href') }))
    .get()
}

/** A survey page's questions, in order, as stored. */
export const questionsOf = (db: Knex, pageId: number) =>
  db('survey_questions').where({ page_id: pageId }).orderBy('position').select('id', 'key', 'type', 'title', 'settings')

/** A consultation's survey pages, in order, as stored. */
export const pagesOf = (db: Knex, consultationId: number) =>
  db('survey_pages')
    .join('surveys', 'surveys.id', 'survey_pages.survey_id')
    .where({ 'surveys.consultation_id': consultationId })
    .orderBy('position')
    .select('survey_pages.id', 'key', 'title', 'is_about_you')
