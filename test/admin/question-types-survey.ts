import assert from 'node:assert/strict'
import type { Express } from 'express'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { expectRedirect, submitForm } from '../support/browser-forms'
import { fold, parse } from '../support/html'
import {
  answersOnPage,
  labelledControl,
  ONLINE,
  PAGE_TITLES,
  PAPER,
  Q,
  QUESTIONS,
  ROUTED_ANSWER,
  type Answer,
} from './question-types-fixtures'

// The steps of the question-types tests, done as a browser would: each form is read, its fields posted with
// the officer's or the resident's changes. Each step returns what the tests check.

/** The link on a page whose text is exactly `text`. */
async function linkTo(agent: TestAgent, path: string, text: string): Promise<string | undefined> {
  const $ = parse((await agent.get(path).expect(200)).text)
  return $('a')
    .filter((_, el) => fold($(el).text()) === text)
    .attr('href')
}

export interface BuiltSurvey {
  id: number
  slug: string
  /** The scale the edit form of the question routed on showed, before its wording was fixed. */
  scaleWhenEdited: string[]
}

/**
 * Creates the parks consultation, builds its survey of all 12 question types with a routing rule, fixes the
 * wording of the question routed on (which keeps its scale, and so its route), and publishes it.
 */
export async function buildSurvey(editor: TestAgent): Promise<BuiltSurvey> {
  const created = await submitForm(editor, '/admin/consultations/new', {
    title: 'Opening hours of city parks',
    summary: 'Should parks stay open later?',
    body: 'We want your views.',
    'opensAt-day': '1',
    'opensAt-month': '1',
    'opensAt-year': '2026',
    'opensAt-time': '09:00',
    'closesAt-day': '31',
    'closesAt-month': '12',
    'closesAt-year': '2030',
    'closesAt-time': '23:59',
    contactName: 'Parks team',
    contactEmail: 'parks@council.test',
    retentionMonths: '12',
  })
  const id = Number(/\/admin\/consultations\/(\d+)$/.exec(expectRedirect(created, 'create consultation'))![1])
  const slug = String(parse((await editor.get(`/admin/consultations/${id}/edit`)).text)('input[name="slug"]').val())
  const base = `/admin/consultations/${id}/survey`
  expectRedirect(
    await submitForm(editor, base, {
      introMarkdown: 'It takes five minutes.',
      estimatedMinutes: '5',
      aboutYouEnabled: 'no',
    }),
    'settings',
  )
  for (const title of PAGE_TITLES)
    expectRedirect(await submitForm(editor, `${base}/pages/new`, { title }), `add page ${title}`)
  const builder = parse((await editor.get(base)).text)
  const pageIds = PAGE_TITLES.map((title) => {
    const link = builder('a')
      .filter((_, el) => fold(builder(el).text()) === `Edit page ${title}`)
      .attr('href')
    return Number(/pages\/(\d+)\/edit/.exec(String(link))![1])
  })
  for (const { page, form } of QUESTIONS) {
    const path = `${base}/pages/${pageIds[page]}/questions/new?type=${form.type}`
    expectRedirect(await submitForm(editor, path, form), `add ${form.type} question`)
  }
  const routes = `${base}/pages/${pageIds[0]}/routes`
  const routed = await submitForm(editor, routes, ($) => {
    const select = labelledControl($, $('main'), `If the answer to “${Q.hours}” is “${ROUTED_ANSWER}”`)
    const option = select.find('option').filter((_, el) => fold($(el).text()) === `Go to “${PAGE_TITLES[2]}”`)
    return { [select.attr('name')!]: String(option.attr('value')) }
  })
  expectRedirect(routed, 'save the routing rule')
  const editPath = String(await linkTo(editor, base, `Edit ${Q.hours}`))
  const editForm = parse((await editor.get(editPath).expect(200)).text)
  const scaleWhenEdited = editForm('.app-question-scale li')
    .toArray()
    .map((li) => fold(editForm(li).text()))
  expectRedirect(
    await submitForm(editor, editPath, { hint: 'Most parks close at dusk.' }),
    'edit the agreement question',
  )
  expectRedirect(
    await submitForm(editor, `/admin/consultations/${id}`, {}, `form[action="/admin/consultations/${id}/publish"]`),
    'publish',
  )
  return { id, slug, scaleWhenEdited }
}

/** Answers the published survey as a resident, page by page: the headings of the pages seen, and the reference. */
export async function answerOnline(
  app: Express,
  slug: string,
  answers: Record<string, Answer>,
): Promise<{ visited: string[]; reference: string }> {
  const resident = request.agent(app)
  const start = parse((await resident.get(`/consultations/${slug}/survey`).expect(200)).text)
  let path = String(start('a.govuk-button--start').attr('href'))
  const visited: string[] = []
  while (!path.endsWith('/check')) {
    const response = await submitForm(resident, path, ($) => {
      visited.push(fold($('h1').first().text()))
      return answersOnPage($, answers)
    })
    path = expectRedirect(response, `answer ${path}`)
  }
  const confirmation = expectRedirect(await submitForm(resident, path, {}), 'send the response')
  const reference = fold(parse((await resident.get(confirmation).expect(200)).text)('.app-reference').text())
  return { visited, reference }
}

/** Enters a paper response: its reference, and the path of its page. */
export async function enterOnPaper(
  editor: TestAgent,
  id: number,
  answers: Record<string, Answer>,
): Promise<{ reference: string; path: string }> {
  const stored = await submitForm(editor, `/admin/consultations/${id}/responses/paper`, ($) =>
    answersOnPage($, answers),
  )
  const path = expectRedirect(stored, 'paper entry')
  const reference = fold(parse((await editor.get(path).expect(200)).text)('h1').text()).replace(/^Response /, '')
  return { reference, path }
}

/** The link to a response in the consultation's list of responses, found by its reference. */
export const listedResponse = (editor: TestAgent, id: number, reference: string) =>
  linkTo(editor, `/admin/consultations/${id}/responses`, reference)

export interface AnsweredSurvey {
  id: number
  slug: string
  /** The references of ONLINE's responses, then PAPER's. */
  references: string[]
  /** Each response's page, by reference. */
  responsePaths: Map<string, string>
}

/** The survey built, then answered online (ONLINE) and on paper (PAPER). */
export async function answeredSurvey(app: Express, editor: TestAgent): Promise<AnsweredSurvey> {
  const { id, slug } = await buildSurvey(editor)
  const responsePaths = new Map<string, string>()
  for (const answers of ONLINE) {
    const { reference } = await answerOnline(app, slug, answers)
    const path = await listedResponse(editor, id, reference)
    assert.ok(path, `${reference} is listed`)
    responsePaths.set(reference, path)
  }
  for (const answers of PAPER) {
    const { reference, path } = await enterOnPaper(editor, id, answers)
    responsePaths.set(reference, path)
  }
  return { id, slug, references: [...responsePaths.keys()], responsePaths }
}
