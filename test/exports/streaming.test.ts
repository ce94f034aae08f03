import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { before, describe, it } from 'node:test'
import type { Knex } from 'knex'
import Cursor from 'pg-cursor'
import type { Express } from 'express'
import request from 'supertest'
import { createPostgresDatabase, DEFAULT_POOL } from '../../src/db/database'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { sessionCookieFor } from '../support/auth'
import { bulkInsertResponses, createSurveyFixture } from '../support/survey-fixtures'

const context = useTestApp()
let cookie = ''

/**
 * Counts the export's reads from the database: on PostgreSQL each batch is a cursor read, on PGlite each
 * is its own query (the one with the lateral join).
 */
function countBatchReads(db: Knex) {
  let reads = 0
  const countQuery = (query: { sql: string }) => {
    if (query.sql.includes('cross join lateral')) reads++
  }
  const original = Object.getOwnPropertyDescriptor(Cursor.prototype, 'read')
  const read = original?.value as Cursor['read']
  Cursor.prototype.read = function (this: Cursor, ...args: Parameters<Cursor['read']>) {
    reads++
    return read.apply(this, args)
  } as Cursor['read']
  db.on('query', countQuery)
  return {
    count: () => reads,
    stop: () => {
      db.off('query', countQuery)
      Cursor.prototype.read = read
    },
  }
}
const RESPONSES = 10_000
const EXPORT_PATH = '/admin/consultations/fixture-streaming/exports/responses.csv'

/** Serves `app` on a free port for the length of `use`. */
async function listening<T>(app: Express, use: (port: number) => Promise<T>): Promise<T> {
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  try {
    return await use((server.address() as AddressInfo).port)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

/**
 * Starts a download, reads its first chunk, and then stops reading, as a stalled client would, until told to
 * read on (a paused socket does not notice being closed), which says how the download ended.
 */
function stalledDownload(port: number): Promise<{ status: number; readOn: () => Promise<'aborted' | 'complete'> }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: EXPORT_PATH, headers: { cookie } }, (response) => {
        const ended = new Promise<'aborted' | 'complete'>((settle) => {
          response.on('end', () => settle('complete'))
          response.on('error', () => settle('aborted'))
        })
        response.once('data', () => response.pause())
        const readOn = () => {
          response.resume()
          return ended
        }
        resolve({ status: response.statusCode ?? 0, readOn })
      })
      .on('error', reject)
  })
}

describe('the responses export streams', () => {
  before(async () => {
    cookie = await sessionCookieFor(context.app, context.db, 'analyst')
    const fixture = await createSurveyFixture(context.db, { slug: 'fixture-streaming', responses: [] })
    // About 3 KB a response, 30 MB in all: far more than the socket buffers hold.
    await bulkInsertResponses(context.db, fixture, {
      count: RESPONSES,
      questionKey: 'comments',
      text: 'A long comment. '.repeat(200),
    })
  })

  it('sends its first bytes before it has read the whole export, and waits for a slow reader', async () => {
    const reads = countBatchReads(context.db)
    const server = context.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http
          .get(
            {
              host: '127.0.0.1',
              port,
              path: '/admin/consultations/fixture-streaming/exports/responses.csv',
              headers: { cookie },
            },
            resolve,
          )
          .on('error', reject)
      })
      assert.equal(response.statusCode, 200)
      let lines = 0
      let started = false
      const firstChunk = await new Promise<Buffer>((resolve) => {
        response.on('data', (chunk: Buffer) => {
          if (!started) {
            started = true
            response.pause()
            resolve(chunk)
          }
          lines += chunk.toString('latin1').split('\n').length - 1
        })
      })
      const batchesAtFirstByte = reads.count()
      assert.deepEqual([...firstChunk.subarray(0, 3)], [0xef, 0xbb, 0xbf])

      await sleep(500)
      const batchesWhilePaused = reads.count()

      response.resume()
      await new Promise((resolve) => response.on('end', resolve))
      assert.equal(lines, RESPONSES + 1)
      const batches = reads.count()
      assert.ok(batches >= 3, `the export is read in batches (${batches})`)
      assert.ok(batchesAtFirstByte < batches, `first bytes after ${batchesAtFirstByte} of ${batches} batches`)
      assert.ok(
        batchesWhilePaused < batches,
        `a paused reader holds the export back (read ${batchesWhilePaused} of ${batches} batches)`,
      )
    } finally {
      reads.stop()
      server.close()
    }
  })
  it('gives its database connection back when the reader leaves half way', async () => {
    const pool = (context.db.client as { pool: { numUsed: () => number; numPendingAcquires: () => number } }).pool
    const busy = () => pool.numUsed() + pool.numPendingAcquires()
    const server = context.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as AddressInfo
      for (let attempt = 0; attempt < 12; attempt++) {
        await new Promise<void>((resolve, reject) => {
          const request = http.get(
            {
              host: '127.0.0.1',
              port,
              path: '/admin/consultations/fixture-streaming/exports/responses.csv',
              headers: { cookie },
            },
            (response) => {
              response.once('data', () => {
                request.destroy()
                resolve()
              })
            },
          )
          request.on('error', reject)
        })
      }
      // Idle for half a second on end: the abandoned requests have finished, sessions saved and all.
      let waited = 0
      for (let idle = 0; idle < 10 && waited < 10_000; waited += 50) {
        await sleep(50)
        idle = busy() === 0 ? idle + 1 : 0
      }
      assert.equal(pool.numUsed(), 0, 'every connection is back in the pool')
      const count = await context.db('responses').count({ n: '*' }).first()
      assert.ok(Number(count?.n) >= RESPONSES, 'the database still answers')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('abandons a download whose reader has stopped reading, and frees its connection', async () => {
    const pool = (context.db.client as { pool: { numUsed: () => number } }).pool
    const app = appWithAllRoutes(context.db, { env: { EXPORT_STALL_TIMEOUT_MS: '300' } })
    await listening(app, async (port) => {
      const download = await stalledDownload(port)
      assert.equal(download.status, 200)
      await sleep(1_000)
      for (let waited = 0; pool.numUsed() > 0 && waited < 5_000; waited += 50) await sleep(50)
      assert.equal(pool.numUsed(), 0, 'its connection is back in the pool')
      assert.equal(await download.readOn(), 'aborted', 'the server closed the stalled download')
    })
  })
})

describe('the export budget', { skip: !process.env.TEST_DATABASE_URL && 'needs PostgreSQL, with pools' }, () => {
  it('leaves residents their connections while downloads hold every export connection', async () => {
    const url = context.database.url ?? ''
    const db = createPostgresDatabase(url, { ...DEFAULT_POOL, max: 2 })
    const exportDb = createPostgresDatabase(url, { ...DEFAULT_POOL, max: 1, statementTimeoutMs: 0 })
    const app = appWithAllRoutes(db, { exportDb })
    try {
      await listening(app, async (port) => {
        const held = await stalledDownload(port)
        assert.equal(held.status, 200)
        const another = await request(app).get(EXPORT_PATH).set('Cookie', cookie)
        assert.equal(another.status, 503, 'a download beyond the budget is turned away with the problem page')
        assert.match(another.text, /Sorry, there is a problem with the service/)
        const pages = await Promise.all(
          ['/', '/consultations', '/consultations/fixture-streaming'].map((path) => request(app).get(path)),
        )
        assert.deepEqual(
          pages.map((page) => page.status),
          [200, 200, 200],
          'public pages are served meanwhile',
        )
      })
    } finally {
      await Promise.all([db.destroy(), exportDb.destroy()])
    }
  })
})
