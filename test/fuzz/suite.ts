import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Express } from 'express'
import { present } from '../../src/shared/present'
import { appWithAllRoutes } from '../support/app'
import { openTestDatabase, type TestDatabase } from '../support/database'
import { useSmtpServer } from '../support/smtp'
import { FUZZ_APP_ENV, type FuzzRun, openFuzzRun } from './harness'
import type { FuzzRoute } from './routes'

/**
 * Cases per route across its sessions (fewer where a route sends email or hashes passwords); FUZZ_CASES overrides.
 * The forms and their handling are the same on either database, so the PGlite pass, slower per request, runs a
 * sample of its own to keep CI in time; `npm run bench:fuzz` runs thousands.
 */
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? (process.env.TEST_DATABASE_URL ? 20 : 10))
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202)

/** The app the cases go to, opened before the file's tests: its own database and a mail server that listens. */
export function useFuzzApp(): { app: () => Express; run: () => FuzzRun } {
  const smtp = useSmtpServer()
  let database: TestDatabase | undefined
  let app: Express | undefined
  let fuzz: FuzzRun | undefined
  before(async () => {
    database = await openTestDatabase()
    // node runs top-level before hooks side by side: the SMTP server's may not have listened yet.
    await smtp.listening
    app = appWithAllRoutes(database.db, { env: { ...FUZZ_APP_ENV, SMTP_URL: smtp.url } })
    fuzz = await openFuzzRun(app, database.db)
  })
  after(async () => {
    await fuzz?.fixtures.close()
    await database?.close()
  })
  return {
    app: () => present(app, 'the fuzz app'),
    run: () => present(fuzz, 'the fuzz fixtures'),
  }
}

/** A case fails on a server error, reflected markup, a write from invalid input, or a lost session or token. */
export function fuzzEach(title: string, routes: readonly FuzzRoute[], fuzz: { run: () => FuzzRun }): void {
  describe(title, () => {
    for (const route of routes) {
      const count = Math.max(12, Math.round(CASES_PER_ROUTE * (route.share ?? 1)))
      it(`${route.method === 'get' ? 'GET' : 'POST'} ${route.path}: ${count} cases, none failing`, async () => {
        const tally = await fuzz.run().run(route, count, SEED)
        assert.equal(tally.cases, count)
        assert.deepEqual(
          tally.failures.slice(0, 3),
          [],
          `${tally.failures.length} of ${count} cases failed on ${route.path}`,
        )
      })
    }
  })
}
