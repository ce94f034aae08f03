/**
 * The fuzz pass at depth: every POST route of test/fuzz/routes.ts, FUZZ_CASES (default 1,000) cases each
 * (a share of that for routes that send email or hash passwords), on a fresh seeded PGlite, or on a database of
 * its own on the PostgreSQL server TEST_DATABASE_URL names. Prints a table
 * per route and exits non-zero if any case failed. Emails go to a closed port, so every send fails as
 * the handler expects of a mail server that is down.
 */
import { createPostgresTemplate, dropDatabasesWithPrefix } from '../../src/db/provision'
import { appWithAllRoutes } from '../../test/support/app'
import { openTestDatabase } from '../../test/support/database'
import { FUZZ_APP_ENV, openFuzzRun, type RouteTally } from '../../test/fuzz/harness'
import { FUZZ_ROUTES, FUZZ_SEARCHES } from '../../test/fuzz/routes'

const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 1000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

const row = (cells: (string | number)[]) =>
  cells.map((cell, index) => (index === 0 ? String(cell).padEnd(62) : String(cell).padStart(7))).join(' ')

/** With TEST_DATABASE_URL, a seeded template to clone, as the test runner makes; dropped when the run ends. */
async function preparePostgres(): Promise<() => Promise<unknown>> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) return () => Promise.resolve()
  const prefix = `hub_fuzz_${process.pid}`
  process.env.TEST_PG_TEMPLATE = `${prefix}_template`
  await createPostgresTemplate(serverUrl, process.env.TEST_PG_TEMPLATE)
  return () => dropDatabasesWithPrefix(serverUrl, prefix)
}

async function main(): Promise<number> {
  const dropPostgres = await preparePostgres()
  const database = await openTestDatabase()
  const app = appWithAllRoutes(database.db, { env: { ...FUZZ_APP_ENV, SMTP_URL: 'smtp://127.0.0.1:9' } })
  const fuzz = await openFuzzRun(app, database.db)
  const routes = `${FUZZ_ROUTES.length} POST routes and ${FUZZ_SEARCHES.length} searches`
  console.log(`Fuzzing ${routes} on ${database.kind}, seed ${SEED}`)
  console.log(row(['route', 'cases', '2xx', '3xx', '4xx', '5xx', 'failed', 'cpu s']))
  const tallies: RouteTally[] = []
  try {
    for (const route of [...FUZZ_SEARCHES, ...FUZZ_ROUTES]) {
      const tally = await fuzz.run(route, Math.max(20, Math.round(CASES_PER_ROUTE * (route.share ?? 1))), SEED)
      tallies.push(tally)
      const { statuses: s } = tally
      console.log(
        row([
          `${route.method === 'get' ? 'GET' : 'POST'} ${route.path}`,
          tally.cases,
          s['2xx'],
          s['3xx'],
          s['4xx'],
          s['5xx'],
          tally.failures.length,
          (tally.cpuMs / 1000).toFixed(1),
        ]),
      )
    }
  } finally {
    await fuzz.fixtures.close()
    await database.close()
    await dropPostgres()
  }
  const failed = tallies.filter((tally) => tally.failures.length > 0)
  for (const tally of failed)
    console.log(
      `\n${tally.path}: ${tally.failures.length} failures, e.g.\n  ${tally.failures.slice(0, 3).join('\n  ')}`,
    )
  const total = tallies.reduce((sum, tally) => sum + tally.cases, 0)
  console.log(`\n${total} cases, ${tallies.reduce((sum, tally) => sum + tally.failures.length, 0)} failed`)
  return failed.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
