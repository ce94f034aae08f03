import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { before, describe, it } from 'node:test'
import { useTestApp } from '../support/app'
import { headerRoleAccess, ROLE_HEADER } from '../support/admin-access'
import { bulkInsertResponses, createSurveyFixture } from '../support/survey-fixtures'

const context = useTestApp({ access: headerRoleAccess })
const RESPONSES = 10_000

describe('the responses export streams', () => {
  before(async () => {
    const fixture = await createSurveyFixture(context.db, { slug: 'fixture-streaming', responses: [] })
    // About 3 KB a response, 30 MB in all: far more than the socket buffers hold.
    await bulkInsertResponses(context.db, fixture, { count: RESPONSES, questionKey: 'comments', text: 'A long comment. '.repeat(200) })
  })

  it('sends its first bytes before it has read the whole export from the database, and waits for a slow reader', async () => {
    let batchesRead = 0
    const countBatches = (query: { sql: string }) => {
      if (query.sql.includes('cross join lateral')) batchesRead++
    }
    context.db.on('query', countBatches)
    const server = context.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/admin/consultations/fixture-streaming/exports/responses.csv', headers: { [ROLE_HEADER]: 'analyst' } }, resolve).on('error', reject)
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
      const batchesAtFirstByte = batchesRead
      assert.deepEqual([...firstChunk.subarray(0, 3)], [0xef, 0xbb, 0xbf])

      await sleep(500)
      const batchesWhilePaused = batchesRead

      response.resume()
      await new Promise((resolve) => response.on('end', resolve))
      assert.equal(lines, RESPONSES + 1)
      const batches = batchesRead
      assert.ok(batches >= 3, `the export is read in batches (${batches})`)
      assert.ok(batchesAtFirstByte < batches, `first bytes after ${batchesAtFirstByte} of ${batches} batches`)
      assert.ok(batchesWhilePaused < batches, `a paused reader holds the export back (read ${batchesWhilePaused} of ${batches} batches)`)
    } finally {
      context.db.off('query', countBatches)
      server.close()
    }
  })
})
