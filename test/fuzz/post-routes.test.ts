import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import { ADMIN_ROUTES } from '../../src/admin/route-table'
import { appWithAllRoutes } from '../support/app'
import { openTestDatabase, type TestDatabase } from '../support/database'
import { useSmtpServer } from '../support/smtp'
import { type FuzzRun, openFuzzRun } from './harness'
import { postRoutesOf } from './inventory'
import { FUZZ_ROUTES } from './routes'

/** Cases per route across its sessions (fewer where a route sends email or hashes passwords); FUZZ_CASES overrides. */
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202)

const smtp = useSmtpServer()
let database: TestDatabase | undefined
let app: Express
let fuzz: FuzzRun

before(async () => {
  database = await openTestDatabase()
  app = await appWithAllRoutes(database.db, { env: { SMTP_URL: smtp.url } })
  fuzz = await openFuzzRun(app, database.db)
})
after(async () => {
  await fuzz.fixtures.close()
  await database?.close()
})

describe('fuzzing every POST route with hostile forms', () => {
  it('covers every POST route in the admin route table and the public routers', () => {
    const fuzzed = FUZZ_ROUTES.map((route) => route.path).sort()
    const registered = [
      ...new Set([...postRoutesOf(app), ...ADMIN_ROUTES.filter((row) => row.method === 'post').map((row) => row.path)]),
    ].sort()
    assert.deepEqual(fuzzed, registered)
  })

  for (const route of FUZZ_ROUTES) {
    const count = Math.max(12, Math.round(CASES_PER_ROUTE * (route.share ?? 1)))
    const title = `POST ${route.path}: ${count} cases, no server error, reflected markup or write from invalid input`
    it(title, async () => {
      const tally = await fuzz.run(route, count, SEED)
      assert.equal(tally.cases, count)
      assert.deepEqual(
        tally.failures.slice(0, 3),
        [],
        `${tally.failures.length} of ${count} cases failed on POST ${route.path}`,
      )
    })
  }
})
