import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import request from 'supertest'
import { purgeDueAt } from '../../src/privacy/purge-repository'
import { appWithAllRoutes } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { openTestDatabase, type TestDatabase } from '../support/database'
import { parse, textOf } from '../support/html'

const OVERVIEW = '/consultations/leicesters-drug-strategy-consultation'
/** The seeded Drug Strategy consultation closes at 23:59 on 2 July 2023, London time (22:59 UTC). */
const BEFORE_CLOSING = new Date('2023-07-02T22:58:00Z')
const AFTER_CLOSING = new Date('2023-07-02T22:59:01Z')

let database: TestDatabase
/** Two instances of the app on one database, as behind a load balancer, sharing one movable clock. */
let first: Express
let second: Express
let clock = BEFORE_CLOSING

const statusOf = async (app: Express) => {
  const response = await request(app).get(OVERVIEW).expect(200)
  return { response, text: textOf(parse(response.text)) }
}

before(async () => {
  database = await openTestDatabase()
  first = appWithAllRoutes(database.db, { now: () => clock })
  second = appWithAllRoutes(database.db, { now: () => clock })
})
after(() => database.close())

/** The header names as sent, in order, repeats and all (supertest's headers object joins repeats). */
function rawHeaderNames(response: request.Response): string[] {
  const { rawHeaders } = (response as unknown as { res: IncomingMessage }).res
  return rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase())
}

describe('the page cache for anonymous visitors', () => {
  it('serves a public page from the cache on the second visit, the same page as the first', async () => {
    const miss = await request(second).get('/consultations').expect(200)
    const hit = await request(second).get('/consultations').expect(200)
    assert.equal(miss.headers['x-page-cache'], 'miss')
    assert.equal(hit.headers['x-page-cache'], 'hit')
    assert.equal(hit.text, miss.text)
    assert.equal(hit.headers['content-type'], 'text/html; charset=utf-8')
    assert.equal(hit.headers['set-cookie'], undefined)
  })

  it('shows an officer’s change on the other instance from the very next request', async () => {
    const topic = await database
      .db('topics')
      .join('consultation_topics', 'consultation_topics.topic_id', 'topics.id')
      .join('consultations', 'consultations.id', 'consultation_topics.consultation_id')
      .where('consultations.slug', OVERVIEW.split('/').pop())
      .orderBy('topics.name')
      .first('topics.id', 'topics.name')
    assert.ok((await statusOf(second)).text.includes(topic.name))
    assert.equal((await statusOf(second)).response.headers['x-page-cache'], 'hit')

    const { agent } = await signInAs(first, database.db, 'editor')
    const renamed = await postForm(agent, '/admin/taxonomies/topics', `/admin/taxonomies/topics/${topic.id}/rename`, {
      name: 'Renamed topic of the strategy',
    })
    assert.equal(renamed.status, 303)

    const after = await statusOf(second)
    assert.equal(after.response.headers['x-page-cache'], 'miss')
    assert.ok(after.text.includes('Renamed topic of the strategy'), 'the renamed topic is shown at once')
  })

  it('shows a change made straight in the database, as an operator’s SQL would', async () => {
    await statusOf(second)
    await database
      .db('consultations')
      .where({ slug: OVERVIEW.split('/').pop() })
      .update({ title: 'Drug strategy' })
    assert.match(parse((await statusOf(second)).response.text)('h1').text(), /Drug strategy/)
  })

  it('closes a consultation on both instances when its closing time passes, with no write at all', async () => {
    clock = BEFORE_CLOSING
    for (const app of [first, second]) {
      const open = await statusOf(app)
      assert.match(open.text, /\bOpen\b/)
      assert.equal((await statusOf(app)).response.headers['x-page-cache'], 'hit')
    }
    clock = AFTER_CLOSING
    for (const app of [first, second]) {
      const closed = await statusOf(app)
      assert.equal(closed.response.headers['x-page-cache'], 'miss')
      assert.doesNotMatch(closed.text, /\bOpen\b/)
      assert.match(closed.text, /Closed/)
    }
  })

  it('sends a kept page with the headers its route set: the API keeps its type, caching and CORS', async () => {
    const miss = await request(second).get('/api/consultations?page=1').expect(200)
    const hit = await request(second).get('/api/consultations?page=1').expect(200)
    assert.deepEqual([miss.headers['x-page-cache'], hit.headers['x-page-cache']], ['miss', 'hit'])
    for (const name of ['content-type', 'cache-control', 'access-control-allow-origin', 'cross-origin-resource-policy'])
      assert.equal(hit.headers[name], miss.headers[name], name)
    assert.equal(hit.headers['access-control-allow-origin'], '*')
    // Once each, the route's own value in place of helmet's same-origin.
    assert.equal(miss.headers['cross-origin-resource-policy'], 'cross-origin')
    assert.equal(hit.headers['cross-origin-resource-policy'], 'cross-origin')
    assert.ok(hit.headers['content-security-policy'], 'the security headers are still sent')
  })

  it('takes a consultation off the privacy notice when its retention period ends, with no write at all', async () => {
    const drugStrategy = await database
      .db('consultations')
      .where({ slug: OVERVIEW.split('/').pop() })
      .first<{ title: string; purge_due_at: Date }>(
        'title',
        database.db.raw(`${purgeDueAt('consultations')} as purge_due_at`),
      )
    const privacy = async () => {
      const response = await request(second).get('/privacy').expect(200)
      return {
        cache: response.headers['x-page-cache'],
        listed: textOf(parse(response.text)).includes(drugStrategy.title),
      }
    }
    clock = new Date(drugStrategy.purge_due_at.getTime() - 60_000)
    await privacy()
    assert.deepEqual(await privacy(), { cache: 'hit', listed: true })
    clock = new Date(drugStrategy.purge_due_at.getTime() + 60_000)
    assert.deepEqual((await privacy()).listed, false)
    clock = BEFORE_CLOSING
  })

  it('shows feedback dated later from the moment it is due, with no write in between', async () => {
    const consultation = await database
      .db('consultations')
      .where({ slug: OVERVIEW.split('/').pop() })
      .first('id')
    const dueAt = new Date(BEFORE_CLOSING.getTime() + 30_000)
    await database.db('consultation_feedback').insert({
      consultation_id: consultation.id,
      we_asked: 'About the strategy',
      you_said: 'More outreach',
      we_did: 'Funded outreach',
      published_at: dueAt,
      feedback_updated_at: dueAt,
    })
    const feedbackShown = async () => {
      const response = await request(second).get(OVERVIEW).expect(200)
      return { cache: response.headers['x-page-cache'], shown: parse(response.text)('#feedback-heading').length > 0 }
    }
    try {
      await feedbackShown()
      assert.deepEqual(await feedbackShown(), { cache: 'hit', shown: false })
      clock = new Date(dueAt.getTime() + 1000)
      assert.deepEqual(await feedbackShown(), { cache: 'miss', shown: true })
    } finally {
      clock = BEFORE_CLOSING
      await database.db('consultation_feedback').where({ consultation_id: consultation.id }).delete()
    }
  })

  it('keeps a survey’s start page, with no cookie, and shows a change on the other instance at once', async () => {
    const start = '/consultations/sample-consultation-parks-and-green-spaces/survey'
    clock = new Date() // the sample survey is open now
    const visit = async (app: Express) => {
      const response = await request(app).get(start).expect(200)
      assert.equal(response.headers['set-cookie'], undefined)
      return { cache: response.headers['x-page-cache'], text: textOf(parse(response.text)) }
    }
    await visit(second)
    assert.equal((await visit(second)).cache, 'hit')
    const consultation = await database
      .db('consultations')
      .where({ slug: start.split('/')[2] })
      .first('id')
    await database
      .db('surveys')
      .where({ consultation_id: consultation.id })
      .update({ intro_markdown: 'Tell us which parks you walk in.' })
    assert.equal((await visit(first)).cache, 'miss')
    const changed = await visit(second)
    assert.deepEqual([changed.cache, changed.text.includes('Tell us which parks you walk in.')], ['miss', true])
    clock = BEFORE_CLOSING
  })

  it('never serves or keeps a page for a visitor with a session', async () => {
    const { agent } = await signInAs(first, database.db, 'analyst')
    const response = await agent.get('/consultations').expect(200)
    assert.equal(response.headers['x-page-cache'], undefined)
  })

  it('sends a hit with the headers the page was first sent with: its security policy, type and caching', async () => {
    /** Headers that belong to one response, not to the page. */
    const ONE_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'x-page-cache', 'x-request-id'])
    const pageHeaders = (response: request.Response) =>
      Object.fromEntries(Object.entries(response.headers).filter(([name]) => !ONE_RESPONSE.has(name)))
    for (const path of ['/consultations?status=open', '/api/consultations?status=closed']) {
      const miss = await request(first).get(path).expect(200)
      const hit = await request(first).get(path).expect(200)
      assert.equal(hit.headers['x-page-cache'], 'hit')
      assert.deepEqual(pageHeaders(hit), pageHeaders(miss))
      for (const response of [miss, hit]) {
        const names = rawHeaderNames(response)
        assert.deepEqual(
          names.filter((name, index) => names.indexOf(name) !== index),
          [],
          `${path}: no header sent twice`,
        )
      }
      assert.match(hit.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/)
      assert.equal(hit.headers['x-content-type-options'], 'nosniff')
    }
  })

  it('answers a revalidation with 304, and sends Brotli or gzip made once', async () => {
    const page = await request(second).get('/').expect(200)
    const etag = page.headers.etag
    assert.ok(etag)
    await request(second).get('/').set('If-None-Match', etag).expect(304)

    // supertest decodes the body, so an intact page read back proves the encoding was sound.
    const encoded = (encoding: string) => request(second).get('/').set('Accept-Encoding', encoding).expect(200)
    const brotli = await encoded('br, gzip')
    assert.equal(brotli.headers['content-encoding'], 'br')
    assert.equal(brotli.text, page.text)
    const gzip = await encoded('gzip')
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.equal(gzip.text, page.text)
    assert.ok(Number(gzip.headers['content-length']) < Buffer.byteLength(page.text) / 3, 'gzip at least thirds it')
    assert.equal(brotli.headers.vary, 'Accept-Encoding')
  })
})
