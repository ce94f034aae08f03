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
const sessionCookieOf = (response: request.Response) =>
  cookieOf(response)?.find((cookie) => cookie.startsWith('hub.sid='))
/** The CSRF cookie as a browser sends it back, e.g. `hub.csrf=…`. */
const csrfCookieOf = (response: request.Response) => {
  const cookie = cookieOf(response)?.find((candidate) => candidate.startsWith('hub.csrf='))
  if (!cookie) throw new Error('No CSRF cookie')
  return cookie.split(';')[0]!
}

/** A first-page answer from a visitor with no session, as from a fresh browser: the page's token and cookie. */
async function answerFirstPageWithoutSession(headers: Record<string, string> = {}, token?: string) {
  const page = await request(context.app).get(FIRST_PAGE).expect(200)
  return request(context.app)
    .post(FIRST_PAGE)
    .set({ Cookie: csrfCookieOf(page), ...headers })
    .type('form')
    .send({ 'visit-frequency': 'never', _csrf: token ?? csrfTokenOf(page.text) })
}

describe('a visitor who has not answered anything', () => {
  it('gets no session cookie or stored session from the survey pages, however often they are fetched', async () => {
    const before = await countSessions()
    for (const path of [SURVEY, FIRST_PAGE, `${SURVEY}/check`, `${SURVEY}/confirmation`]) {
      const response = await request(context.app).get(path)
      assert.equal(sessionCookieOf(response), undefined, path)
    }
    const pages = await Promise.all(Array.from({ length: 50 }, () => request(context.app).get(FIRST_PAGE)))
    for (const page of pages) {
      assert.equal(page.status, 200)
      assert.equal(sessionCookieOf(page), undefined)
      assert.ok(csrfTokenOf(page.text), 'the form still carries a CSRF token')
    }
    assert.equal(await countSessions(), before)
  })

  it('gets only an HttpOnly, SameSite=Lax CSRF cookie from a question page, no cookie elsewhere', async () => {
    const [cookie, ...others] = cookieOf(await request(context.app).get(FIRST_PAGE).expect(200)) ?? []
    assert.deepEqual(others, [])
    const flags = (cookie ?? '').split(';').map((flag) => flag.trim().toLowerCase())
    assert.match(flags[0] ?? '', /^hub\.csrf=/)
    for (const flag of ['httponly', 'samesite=lax', 'path=/']) assert.ok(flags.includes(flag), `${flag} in ${cookie}`)
    for (const path of ['/', '/consultations', SURVEY, `${SURVEY}/check`, `${SURVEY}/confirmation`]) {
      assert.equal(cookieOf(await request(context.app).get(path)), undefined, path)
    }
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

  it('has the session stored once, with its form token, by their first answer, not by the next page', async () => {
    const sent = await answerFirstPageWithoutSession()
    assert.equal(sent.status, 303)
    const cookie = sessionCookieOf(sent)!.split(';')[0]!
    const stored = async () => (await context.db('sessions').orderBy('expired', 'desc').first('sess')).sess as unknown
    const first = await stored()
    const nextPage = await request(context.app).get(sent.headers.location!).set('Cookie', cookie).expect(200)
    assert.equal(csrfTokenOf(nextPage.text), (first as { csrfToken?: string }).csrfToken)
    assert.deepEqual(await stored(), first, 'showing the next page wrote nothing')
  })

  it('can save their first page and get a link to come back', async () => {
    const page = await request(context.app).get(FIRST_PAGE).expect(200)
    const saved = await request(context.app)
      .post(FIRST_PAGE)
      .set('Cookie', csrfCookieOf(page))
      .type('form')
      .send({ 'visit-frequency': 'weekly', action: 'save', _csrf: csrfTokenOf(page.text) })
      .expect(200)
    assert.match(textOf(parse(saved.text)), /saved/i)
    assert.ok(sessionCookieOf(saved))
  })
})

describe('CSRF protection of a first answer sent without a session', () => {
  it('refuses a missing, made-up or mismatched token or cookie (start-again page), storing nothing', async () => {
    const before = await countSessions()
    const page = await request(context.app).get(FIRST_PAGE).expect(200)
    const token = csrfTokenOf(page.text)
    const forged = `${'0'.repeat(64)}.${token.split('.')[1] ?? ''}`
    const otherPage = await request(context.app).get(FIRST_PAGE).expect(200)
    const attempts: [string, string | undefined, string | undefined][] = [
      ['no token', csrfCookieOf(page), undefined],
      ['empty token', csrfCookieOf(page), ''],
      ['made-up token', csrfCookieOf(page), 'not-a-token'],
      ['forged token and cookie', `hub.csrf=${forged}`, forged],
      ['no cookie', undefined, token],
      ["another visitor's cookie", csrfCookieOf(otherPage), token],
    ]
    for (const [what, cookie, sent] of attempts) {
      const post = request(context.app).post(FIRST_PAGE)
      if (cookie) void post.set('Cookie', cookie)
      const response = await post
        .type('form')
        .send({ 'visit-frequency': 'never', ...(sent === undefined ? {} : { _csrf: sent }) })
      assert.equal(response.status, 403, what)
      assert.match(textOf(parse(response.text)), /start again/i, what)
      assert.equal(sessionCookieOf(response), undefined, what)
    }
    assert.equal(await countSessions(), before)
  })

  it('refuses a real token sent from another site', async () => {
    const crossSite = await answerFirstPageWithoutSession({ 'Sec-Fetch-Site': 'cross-site' })
    assert.equal(crossSite.status, 403)
    const otherOrigin = await answerFirstPageWithoutSession({ Origin: 'https://attacker.example' })
    assert.equal(otherOrigin.status, 403)
    const sameOrigin = await answerFirstPageWithoutSession({ 'Sec-Fetch-Site': 'same-origin' })
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
