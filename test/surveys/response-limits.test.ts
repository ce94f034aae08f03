import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import { HOUR_MS, RESPONSE_LIMITS } from '../../src/surveys/response-limits'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { parse, textOf } from '../support/html'
import { type Agent, type Fields, SURVEY, answerPages, csrfTokenOf, newAgent, submitFromCheck } from './journey-helpers'

/**
 * Half past the current hour, for the whole file: the limits count in windows of an hour, and a test that
 * ran across the hour (as one did in CI, at 11:00) would see its count start again.
 */
const HALF_PAST = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + HOUR_MS / 2)
const now = () => HALF_PAST
const context = useTestApp({ now })
const SHORT_PATH: [string, Fields][] = [
  ['your-visits', { 'visit-frequency': 'never' }],
  ['what-would-help', { encourage: 'Cafés', updates: 'no' }],
  ['about-you', { consent: 'yes' }],
]
const TOO_MANY = /You have sent too many responses in a short time/

async function answerAndSend(agent: Agent, headers: Record<string, string> = {}) {
  await answerPages(agent, SHORT_PATH)
  return submitFromCheck(agent, headers)
}

const countResponses = async () => Number((await context.db('responses').count({ n: '*' }).first())?.n)

/** As if the address had already sent `count` this hour. */
async function alreadySent(rule: { name: string }, ip: string, count: number) {
  const windowStart = new Date(Math.floor(now().getTime() / HOUR_MS) * HOUR_MS)
  await context.db('rate_limit_counters').insert({ key: `${rule.name}:${ip}`, window_start: windowStart, count })
}

function assertRefused(response: { status: number; headers: Record<string, string>; text: string }) {
  assert.equal(response.status, 429)
  const retryAfter = Number(response.headers['retry-after'])
  assert.ok(retryAfter > 0 && retryAfter <= 3600, `Retry-After: ${response.headers['retry-after']}`)
  assert.match(textOf(parse(response.text)), TOO_MANY)
}

describe('responses from one session', () => {
  it(`are refused after ${RESPONSE_LIMITS.submissionPerSession.limit} in an hour, keeping the answers`, async () => {
    const agent = newAgent(context.app)
    for (let sent = 0; sent < RESPONSE_LIMITS.submissionPerSession.limit; sent++)
      assert.equal((await answerAndSend(agent)).status, 303, `response ${sent + 1}`)
    const refused = await answerAndSend(agent)
    assertRefused(refused)
    assert.equal(parse(refused.text)('.govuk-button').attr('href'), `${SURVEY}/check`)
    const check = await agent.get(`${SURVEY}/check`).expect(200)
    assert.match(textOf(parse(check.text)), /Cafés/, 'the answers are still there to send later')
  })
})

describe('responses from one network', () => {
  it('are accepted from many residents in turn, more than one session may send', async () => {
    const residents = RESPONSE_LIMITS.submissionPerSession.limit + 2
    for (let resident = 0; resident < residents; resident++)
      assert.equal((await answerAndSend(newAgent(context.app))).status, 303, `resident ${resident + 1}`)
  })
})

describe('the address the limits count', () => {
  let proxied: Express
  before(async () => {
    await context.ready
    proxied = appWithAllRoutes(context.db, { env: { TRUST_PROXY: '127.0.0.1' }, now })
    await alreadySent(RESPONSE_LIMITS.submissionPerIp, '203.0.113.9', RESPONSE_LIMITS.submissionPerIp.limit)
  })

  it('is the connecting one when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    const response = await answerAndSend(newAgent(context.app), { 'X-Forwarded-For': '203.0.113.9' })
    assert.equal(response.status, 303)
  })

  it("is the one the trusted proxy gives, so a busy network's 301st response this hour is refused", async () => {
    assertRefused(await answerAndSend(newAgent(proxied), { 'X-Forwarded-For': '203.0.113.9' }))
    const neighbour = await answerAndSend(newAgent(proxied), { 'X-Forwarded-For': '203.0.113.10' })
    assert.equal(neighbour.status, 303)
  })

  it('lets only one of two responses sent at once take the last place, and keeps nothing of the other', async () => {
    const ip = '203.0.113.30'
    const key = `${RESPONSE_LIMITS.submissionPerIp.name}:${ip}`
    await alreadySent(RESPONSE_LIMITS.submissionPerIp, ip, RESPONSE_LIMITS.submissionPerIp.limit - 1)
    const residents = [newAgent(proxied), newAgent(proxied)]
    for (const resident of residents) await answerPages(resident, SHORT_PATH)
    const storedBefore = await countResponses()
    const sent = await Promise.all(residents.map((resident) => submitFromCheck(resident, { 'X-Forwarded-For': ip })))
    const [first, second] = sent.sort((a, b) => a.status - b.status)
    assert.deepEqual([first?.status, second?.status], [303, 429])
    if (second) assertRefused(second)
    assert.equal(await countResponses(), storedBefore + 1, 'only the admitted response is stored')
    const counter = await context.db('rate_limit_counters').where({ key }).first('count')
    assert.equal(counter.count, RESPONSE_LIMITS.submissionPerIp.limit, 'the refused one is not counted')
  })

  it('limits saving a draft too, keeping the answer', async () => {
    await alreadySent(RESPONSE_LIMITS.draftSavePerIp, '203.0.113.20', RESPONSE_LIMITS.draftSavePerIp.limit)
    const agent = newAgent(proxied)
    const page = await agent.get(`${SURVEY}/your-visits`).expect(200)
    const refused = await agent
      .post(`${SURVEY}/your-visits`)
      .set('X-Forwarded-For', '203.0.113.20')
      .type('form')
      .send({ 'visit-frequency': 'weekly', action: 'save', _csrf: csrfTokenOf(page.text) })
    assertRefused(refused)
    const again = parse((await agent.get(`${SURVEY}/your-visits`).expect(200)).text)
    assert.equal(again('input[name="visit-frequency"][checked]').val(), 'weekly')
  })
})
