import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { maskTokensInUrl } from '../../src/middleware/log-serializers'
import { useTestApp } from '../support/app'
import { sessionCookieFor } from '../support/auth'
import { captureLogs } from '../support/logs'

const logs = captureLogs()
const context = useTestApp({ logger: logs.logger })

const SURVEY = '/consultations/sample-consultation-parks-and-green-spaces/survey'
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1)

const requestLoggedFor = (url: string) =>
  logs
    .entries()
    .map((entry) => entry.req as Record<string, unknown> | undefined)
    .find((req) => req?.url === url)

describe('request logs', () => {
  it('hold no session cookie, Set-Cookie sent back or Authorization header', async () => {
    const cookie = await sessionCookieFor(context.app, context.db, 'analyst')
    await request(context.app)
      .get('/admin')
      .set('Cookie', cookie)
      .set('Authorization', 'Bearer a-secret-bearer-token')
      .set('User-Agent', 'A phone browser')
    const fresh = await request(context.app).get('/admin/sign-in').expect(200)
    const issued = (fresh.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!

    const text = logs.text()
    for (const secret of [cookieValue(cookie), decodeURIComponent(cookieValue(cookie)), cookieValue(issued)])
      assert.ok(!text.includes(secret), 'a session cookie is in the log')
    assert.ok(!text.includes('a-secret-bearer-token'))
    const logged = requestLoggedFor('/admin')
    assert.deepEqual(Object.keys(logged ?? {}).sort(), ['id', 'method', 'remoteAddress', 'url', 'userAgent'])
    assert.equal(logged?.userAgent, 'A phone browser')
  })

  it('give each request one line, with its status and time taken, a warning for a page not found', async () => {
    await request(context.app).get('/privacy').set('X-Request-Id', 'privacy-42').expect(200)
    await request(context.app).get('/no-such-page').set('X-Request-Id', 'missing-42').expect(404)
    const linesOf = (id: string) =>
      logs.entries().filter((entry) => (entry.req as { id?: string } | undefined)?.id === id)
    const [privacy, ...more] = linesOf('privacy-42')
    assert.deepEqual(more, [], 'one line for the request')
    assert.deepEqual([privacy?.msg, privacy?.level, privacy?.res], ['request completed', 30, { statusCode: 200 }])
    assert.equal(typeof privacy?.responseTime, 'number')
    assert.deepEqual(
      linesOf('missing-42').map((entry) => [entry.level, (entry.res as { statusCode: number }).statusCode]),
      [[40, 404]],
    )
  })

  it('mask the token in one-time links, in the URL and the Referer, and in warnings', async () => {
    const inviteToken = 'invitationTokenThatMustNotBeLogged0123456789'
    const resumeToken = 'resumeTokenThatMustNotBeLoggedAnywhere01234'
    await request(context.app)
      .get(`/admin/set-password/${inviteToken}`)
      .set('Referer', `http://consult.test/admin/set-password/${inviteToken}?from=mail`)
    await request(context.app).get(`${SURVEY}/resume/${resumeToken}`)
    await request(context.app).post(`/admin/set-password/${inviteToken}`).type('form').send({ password: 'x' })

    const text = logs.text()
    assert.ok(!text.includes(inviteToken), 'an invitation token is in the log')
    assert.ok(!text.includes(resumeToken), 'a resume token is in the log')
    const urls = logs.entries().map((entry) => (entry.req as { url?: string } | undefined)?.url)
    assert.ok(urls.includes('/admin/set-password/[token]'))
    assert.ok(urls.includes(`${SURVEY}/resume/[token]`))
    assert.ok(
      logs.entries().some((entry) => entry.msg === 'CSRF token missing or invalid'),
      'the refused POST is still logged',
    )
  })

  it('keep the rest of the URL, and the resume-by-email form address, as they are', () => {
    assert.equal(
      maskTokensInUrl('/a/set-password/abc?token=xyz&page=2'),
      '/a/set-password/[token]?token=[token]&page=2',
    )
    assert.equal(maskTokensInUrl('/admin/setup/Xy_9-abc?x=1'), '/admin/setup/[token]?x=1')
    assert.equal(maskTokensInUrl(`${SURVEY}/resume/email`), `${SURVEY}/resume/email`)
    assert.equal(maskTokensInUrl('/consultations?ward=abbey&page=2'), '/consultations?ward=abbey&page=2')
  })

  it('leave out the words a resident searched for, keeping the rest of the query', async () => {
    const words = 'my neighbour at 12 Acacia Avenue'
    await request(context.app).get(`/consultations?q=${encodeURIComponent(words)}&status=open`)
    await request(context.app).get(`/api/consultations?status=closed&q=${encodeURIComponent(words)}`)
    assert.ok(!logs.text().includes('Acacia'), 'search words are in the log')
    const urls = logs.entries().map((entry) => (entry.req as { url?: string } | undefined)?.url)
    assert.ok(urls.includes('/consultations?q=[search]&status=open'))
    assert.ok(urls.includes('/api/consultations?status=closed&q=[search]'))
  })

  it("leave out the values PostgreSQL quotes in an error's detail", async () => {
    const { email } = await context.db('users').first<{ email: string }>('email')
    const failure = await context
      .db('users')
      .insert({ ...(await context.db('users').first()), id: undefined })
      .catch((err: unknown) => err)
    assert.ok(failure instanceof Error, 'a duplicate email is refused')
    assert.ok(JSON.stringify(Object.entries(failure)).includes(email), 'PostgreSQL quotes the value in its error')
    logs.logger.error({ err: failure }, 'unhandled error')
    const logged = logs.entries().at(-1)?.err as Record<string, unknown>
    assert.equal(logged.detail, '[redacted]')
    assert.equal(logged.code, '23505', 'the error code is kept, to say what went wrong')
    assert.ok(!JSON.stringify(logs.entries().at(-1)).includes(email), 'the value is not in the log line')
  })
})
