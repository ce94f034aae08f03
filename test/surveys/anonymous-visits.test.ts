import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { parse, textOf } from '../support/html'
import { useTestApp } from '../support/app'
import { SURVEY, answerPages, csrfTokenOf, newAgent, submitFromCheck } from './journey-helpers'

const context = useTestApp()
const FIRST_PAGE = `${SURVEY}/your-visits`

const countSessions = async () => {
  const row = await context.db('sessions').count<{ count: string | number }[]>({ count: '*' }).first()
  return Number(row!.count)
}

const cookieOf = (response: request.Response) => response.headers['set-cookie'] as unknown as string[] | undefined

/** A first-page answer sent by a visitor with no cookie, as from a fresh browser. */
async function answerFirstPageWithoutCookie(headers: Record<string, string> = {}, token?: string) {
  const page = await request(context.app).get(FIRST_PAGE).expect(200)
  return request(context.app)
    .post(FIRST_PAGE)
    .set(headers)
    .type('form')
    .send({ 'visit-frequency': 'never', _csrf: token ?? csrfTokenOf(page.text) })
}

describe('a visitor who has not answered anything', () => {
  it('gets no cookie and no stored session from the survey pages, however many times they are fetched', async () => {
    const before = await countSessions()
    for (const path of [SURVEY, FIRST_PAGE, `${SURVEY}/check`, `${SURVEY}/confirmation`]) {
      const response = await request(context.app).get(path)
      assert.equal(cookieOf(response), undefined, path)
    }
    const pages = await Promise.all(Array.from({ length: 50 }, () => request(context.app).get(FIRST_PAGE)))
    for (const page of pages) {
      assert.equal(page.status, 200)
      assert.equal(cookieOf(page), undefined)
      assert.ok(csrfTokenOf(page.text), 'the form still carries a CSRF token')
    }
    assert.equal(await countSessions(), before)
  })

  it('starts a session with their first answer, then answers, checks and sends the rest', async () => {
    const before = await countSessions()
    const agent = newAgent(context.app)
    const next = await answerPages(agent, [['your-visits', { 'visit-frequency': 'never' }]])
    assert.equal(next, `${SURVEY}/what-would-help`)
    assert.equal(await countSessions(), before + 1)
    await answerPages(agent, [
      ['what-would-help', { encourage: 'Cafés', updates: 'no' }],
      ['about-you', { consent: 'yes' }],
    ])
    const sent = await submitFromCheck(agent)
    assert.equal(sent.headers.location, `${SURVEY}/confirmation`)
    assert.match(textOf(parse((await agent.get(sent.headers.location).expect(200)).text)), /ANON-/)
  })

  it('can save their first page and get a link to come back', async () => {
    const page = await request(context.app).get(FIRST_PAGE).expect(200)
    const saved = await request(context.app)
      .post(FIRST_PAGE)
      .type('form')
      .send({ 'visit-frequency': 'weekly', action: 'save', _csrf: csrfTokenOf(page.text) })
      .expect(200)
    assert.match(textOf(parse(saved.text)), /saved/i)
    assert.match(String(cookieOf(saved)), /^hub\.sid=/)
  })
})

describe('CSRF protection of a first answer sent without a session', () => {
  it('refuses a missing or made-up token, and stores nothing', async () => {
    const before = await countSessions()
    for (const token of ['', 'a1.1700000000000.abc.def', 'not-a-token']) {
      const response = await answerFirstPageWithoutCookie({}, token)
      assert.equal(response.status, 403, `token ${token}`)
      assert.equal(cookieOf(response), undefined)
    }
    const missing = await request(context.app).post(FIRST_PAGE).type('form').send({ 'visit-frequency': 'never' })
    assert.equal(missing.status, 403)
    assert.equal(await countSessions(), before)
  })

  it('refuses a real token sent from another site', async () => {
    const crossSite = await answerFirstPageWithoutCookie({ 'Sec-Fetch-Site': 'cross-site' })
    assert.equal(crossSite.status, 403)
    const otherOrigin = await answerFirstPageWithoutCookie({ Origin: 'https://attacker.example' })
    assert.equal(otherOrigin.status, 403)
    const sameOrigin = await answerFirstPageWithoutCookie({ 'Sec-Fetch-Site': 'same-origin' })
    assert.equal(sameOrigin.status, 303)
  })

  it('accepts only the session token once the session holds one', async () => {
    const agent = newAgent(context.app)
    const anonymousPage = await agent.get(FIRST_PAGE)
    await answerPages(agent, [['your-visits', { 'visit-frequency': 'never' }]])
    await agent.get(`${SURVEY}/what-would-help`).expect(200)
    const replayed = await agent
      .post(FIRST_PAGE)
      .type('form')
      .send({ 'visit-frequency': 'daily', _csrf: csrfTokenOf(anonymousPage.text) })
    assert.equal(replayed.status, 403)
  })
})
