import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import { createPostgresDatabase, type Database } from '../../src/db/database'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { sessionCookieFor } from '../support/auth'
import { deadDatabaseAddress, startTcpProxy } from '../support/tcp-proxy'

const context = useTestApp()
const PROBLEM = 'Sorry, there is a problem with the service'
/** As the service promises: an answer within 2 seconds while the database is away. */
const PROMPT_MS = 2_000
const OUTAGE_POOL = { max: 4, acquireTimeoutMs: 1_000, statementTimeoutMs: 5_000 }

const unhandled: unknown[] = []
const recordUnhandled = (reason: unknown) => unhandled.push(reason)
before(() => process.on('unhandledRejection', recordUnhandled))
after(() => process.off('unhandledRejection', recordUnhandled))

async function timed(run: () => Promise<request.Response>) {
  const started = performance.now()
  const response = await run()
  return { response, ms: performance.now() - started }
}

/** Every kind of request a visitor or officer makes gets the 503 page, promptly; nothing crashes. */
async function assertServiceUnavailable(db: Database, cookie: string) {
  const app = appWithAllRoutes(db)
  const requests = {
    'the home page': () => request(app).get('/'),
    'a consultation, with a session cookie': () => request(app).get('/consultations').set('Cookie', cookie),
    'the admin dashboard, signed in': () => request(app).get('/admin').set('Cookie', cookie),
    'a survey answer, with a session cookie': () =>
      request(app).post('/consultations/anything/survey/start').set('Cookie', cookie).type('form').send({ a: 'b' }),
  }
  const answers = await Promise.all(
    Object.entries(requests).map(async ([what, send]) => ({ what, ...(await timed(send)) })),
  )
  for (const { what, response, ms } of answers) {
    assert.equal(response.status, 503, `${what}: ${response.status}`)
    assert.match(response.text, new RegExp(PROBLEM), what)
    assert.equal(response.headers['retry-after'], '30', what)
    assert.ok(ms < PROMPT_MS, `${what} answered in ${ms.toFixed(0)} ms`)
  }
  const { response, ms } = await timed(() => request(app).get('/readyz'))
  assert.equal(response.status, 503)
  assert.deepEqual(response.body, { status: 'not ready', database: 'down' })
  assert.ok(ms < PROMPT_MS, `/readyz answered in ${ms.toFixed(0)} ms`)
  assert.equal((await request(app).get('/healthz')).status, 200, '/healthz is liveness only')
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(unhandled, [], 'no promise was left to fail unhandled')
}

describe('while the database is unavailable', () => {
  let cookie = ''
  before(async () => {
    cookie = await sessionCookieFor(context.app, context.db, 'admin')
  })

  for (const kind of ['refusing', 'silent'] as const) {
    it(`answers 503 within 2 seconds, with or without a session, when the server is ${kind}`, async () => {
      const dead = await deadDatabaseAddress(kind)
      const db = createPostgresDatabase(dead.url, OUTAGE_POOL)
      try {
        await assertServiceUnavailable(db, cookie)
      } finally {
        await db.destroy()
        await dead.close()
      }
    })
  }
})

describe('readiness', () => {
  it('reports the database down within 2 seconds even when connecting would take longer', async () => {
    const dead = await deadDatabaseAddress('silent')
    const db = createPostgresDatabase(dead.url, { ...OUTAGE_POOL, acquireTimeoutMs: 3_000 })
    try {
      const { response, ms } = await timed(() => request(appWithAllRoutes(db)).get('/readyz'))
      assert.equal(response.status, 503)
      assert.ok(ms < PROMPT_MS, `/readyz answered in ${ms.toFixed(0)} ms`)
    } finally {
      await db.destroy()
      await dead.close()
    }
  })
})

describe('when the database comes back', { skip: !process.env.TEST_DATABASE_URL && 'needs PostgreSQL' }, () => {
  it('serves again with no restart, and a signed-in officer is still signed in', async () => {
    const url = new URL(context.database.url ?? '')
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
    url.host = `127.0.0.1:${proxy.port}`
    const db = createPostgresDatabase(url.toString(), OUTAGE_POOL)
    const app = appWithAllRoutes(db)
    try {
      const cookie = await sessionCookieFor(app, db, 'editor')
      assert.equal((await request(app).get('/admin').set('Cookie', cookie)).status, 200)

      await proxy.cutOff()
      const down = await timed(() => request(app).get('/admin').set('Cookie', cookie))
      assert.equal(down.response.status, 503)
      assert.ok(down.ms < PROMPT_MS, `503 in ${down.ms.toFixed(0)} ms`)
      assert.equal((await request(app).get('/readyz')).status, 503)

      await proxy.restore()
      assert.equal((await request(app).get('/readyz')).status, 200)
      const back = await request(app).get('/admin').set('Cookie', cookie)
      assert.equal(back.status, 200, 'the dropped connections are replaced, and the session was kept')
      assert.match(back.text, /Sign out/)
      assert.deepEqual(unhandled, [])
    } finally {
      await db.destroy()
      await proxy.close()
    }
  })

  it('gives up on a server that stops answering mid-query, after the statement timeout', async () => {
    const url = new URL(context.database.url ?? '')
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
    url.host = `127.0.0.1:${proxy.port}`
    const db = createPostgresDatabase(url.toString(), { ...OUTAGE_POOL, statementTimeoutMs: 300 })
    const app = appWithAllRoutes(db)
    try {
      assert.equal((await request(app).get('/')).status, 200)
      proxy.freeze()
      const hung = await timed(() => request(app).get('/'))
      assert.equal(hung.response.status, 503)
      assert.ok(hung.ms < 300 + PROMPT_MS + 500, `503 in ${hung.ms.toFixed(0)} ms`)
      // The home page was kept in the page cache, which answers before any other middleware: its 503 still
      // carries the security headers.
      assert.match(hung.response.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/)
    } finally {
      await proxy.close()
      await db.destroy()
    }
  })
})
