import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import { ADMIN_ROUTES } from '../../src/admin/route-table'
import { appWithAllRoutes } from '../support/app'
import { openTestDatabase, type TestDatabase } from '../support/database'
import { useSmtpServer } from '../support/smtp'
import { FUZZ_APP_ENV, type FuzzRun, openFuzzRun } from './harness'
import { postRoutesOf } from './inventory'
import { FUZZ_ROUTES, FUZZ_SEARCHES } from './routes'

/**
 * Cases per route across its sessions (fewer where a route sends email or hashes passwords); FUZZ_CASES overrides.
 * The forms and their handling are the same on either database, so the PGlite pass, slower per request, runs a
 * sample of its own to keep CI in time; `npm run bench:fuzz` runs tens of thousands.
 */
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? (process.env.TEST_DATABASE_URL ? 25 : 10))
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202)

const smtp = useSmtpServer()
let database: TestDatabase | undefined
let app: Express
let fuzz: FuzzRun | undefined

before(async () => {
  database = await openTestDatabase()
  // node runs top-level before hooks side by side: the SMTP server's may not have listened yet.
  await smtp.listening
  app = appWithAllRoutes(database.db, { env: { ...FUZZ_APP_ENV, SMTP_URL: smtp.url } })
  fuzz = await openFuzzRun(app, database.db)
})
const started = process.cpuUsage()
after(async () => {
  const used = process.cpuUsage(started)
  console.log(`fuzz file CPU time: ${((used.user + used.system) / 1e6).toFixed(1)} s`)
  await fuzz?.fixtures.close()
  await database?.close()
})

/** A case fails on a server error, reflected markup, a write from invalid input, or a lost session or token. */
describe('fuzzing every POST route with hostile forms', () => {
  it('covers every POST route in the admin route table and the public routers', () => {
    const fuzzed = FUZZ_ROUTES.map((route) => route.path).sort()
    const registered = [
      ...new Set([...postRoutesOf(app), ...ADMIN_ROUTES.filter((row) => row.method === 'post').map((row) => row.path)]),
    ].sort()
    assert.deepEqual(fuzzed, registered)
  })

  for (const route of [...FUZZ_SEARCHES, ...FUZZ_ROUTES]) {
    const count = Math.max(12, Math.round(CASES_PER_ROUTE * (route.share ?? 1)))
    const title = `${route.method === 'get' ? 'GET' : 'POST'} ${route.path}: ${count} cases, none failing`
    it(title, async () => {
      assert.ok(fuzz, 'the fuzz fixtures did not open')
      const tally = await fuzz.run(route, count, SEED)
      assert.equal(tally.cases, count)
      assert.deepEqual(
        tally.failures.slice(0, 3),
        [],
        `${tally.failures.length} of ${count} cases failed on ${route.path}`,
      )
    })
  }
})
