import type { Express } from 'express'
import request from 'supertest'
import { parse } from '../support/html'

export const SAMPLE_SLUG = 'sample-consultation-parks-and-green-spaces'
export const SURVEY = `/consultations/${SAMPLE_SLUG}/survey`

export type Fields = Record<string, string | string[]>
export type Agent = ReturnType<typeof request.agent>

/** Valid answers for every page of the sample survey, taking the longest path. */
export const SAMPLE_ANSWERS: Record<string, Fields> = {
  'your-visits': { 'visit-frequency': 'weekly' },
  'the-parks-you-use': {
    'main-park': '__other__',
    'main-park-other': 'Humberstone Park',
    'parks-visited': ['abbey-park', 'western-park'],
    'last-visit-day': '3',
    'last-visit-month': '11',
    'last-visit-year': '2026',
    'visit-minutes': '45',
  },
  facilities: {
    'facilities-play-areas': 'agree',
    'facilities-toilets': 'disagree',
    'facilities-paths': 'dont_know',
    'feel-safe': 'strongly_agree',
  },
  'what-would-help': { encourage: 'More benches & <shade>', favourite: 'The lake', updates: 'yes' },
  'contact-details': { email: 'resident@example.org', postcode: 'le1 6zg' },
  'about-you': { 'respondent-type': 'as_an_individual', 'age-band': '25_to_34', ward: 'castle', consent: 'yes' },
}

export const newAgent = (app: Express): Agent => request.agent(app)

export function csrfTokenOf(html: string): string {
  const token = parse(html)('input[name="_csrf"]').val()
  if (typeof token !== 'string' || !token) throw new Error('No CSRF token on the page')
  return token
}

/** GETs a page for its CSRF token, then POSTs the fields, as a browser does. */
export async function answerPage(agent: Agent, pageKey: string, fields: Fields, query = '') {
  const page = await agent.get(`${SURVEY}/${pageKey}${query}`)
  if (page.status !== 200) throw new Error(`GET ${pageKey} answered ${page.status} (${page.headers.location ?? ''})`)
  return agent
    .post(`${SURVEY}/${pageKey}${query}`)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenOf(page.text) })
}

/** Answers pages in order, following the redirects the service gives; returns where it ended up. */
export async function answerPages(agent: Agent, pages: [string, Fields][]): Promise<string> {
  let location = ''
  for (const [key, fields] of pages) {
    const response = await answerPage(agent, key, fields)
    if (response.status !== 303)
      throw new Error(`POST ${key} answered ${response.status}: ${parse(response.text)('.govuk-error-summary').text()}`)
    location = response.headers.location!
  }
  return location
}

export const fullPath = (): [string, Fields][] => Object.entries(SAMPLE_ANSWERS)

export async function submitFromCheck(agent: Agent, headers: Record<string, string> = {}) {
  const check = await agent.get(`${SURVEY}/check`)
  if (check.status !== 200) throw new Error(`check answered ${check.status}`)
  const $ = parse(check.text)
  return agent
    .post(`${SURVEY}/check`)
    .set(headers)
    .type('form')
    .send({ _csrf: csrfTokenOf(check.text), submissionKey: String($('input[name="submissionKey"]').val()) })
}
