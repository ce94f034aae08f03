/**
 * bench/http: the compiled app in production mode on PostgreSQL (500 generated consultations and 100k
 * responses) against a bare Express "hello world" on the same machine, taking turns (bare, target, bare,
 * target…) under autocannon; a survey journey by many residents at once; the overview page's first-visit
 * weight and its CPU cost per request with the page cache off and on. Creates and drops its own database.
 *   npm run bench:http      (BENCH_URL=postgres://postgres@127.0.0.1:5432/postgres by default)
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:http      (V8 CPU profiles of the app's processes)
 *   BENCH_SECONDS=10 BENCH_WARM_UP_SECONDS=2 BENCH_CONNECTIONS=50 BENCH_RESIDENTS=50 npm run bench:http
 */
import type { ChildProcess } from 'node:child_process'
import os from 'node:os'
import knex, { type Knex } from 'knex'
import { adminConnection, databaseUrl } from '../../src/db/provision'
import { migrateToLatest } from '../../src/db/migrations'
import { createServices } from '../../src/services'
import { runSeeds } from '../../seeds'
import { buildForBench, startApp, stopApp } from '../app-process'
import { createBrowser } from '../load/browser'
import { SURVEY_START } from '../load/resident'
import { answersOf, loadConsultation, loadSurvey } from '../load/survey'
import { startBareExpress } from './bare'
import { generateBenchResponses, generateConsultations, RESPONSES } from './data'
import { CONNECTIONS, type Figures, hammer, RESIDENTS, runJourneys, SECONDS, WARM_UP_SECONDS } from './load'
import { compare, cpuPerRequest, threshold, type Verdict } from './report'
import { firstVisitWeight } from './weight'

const SERVER_URL = process.env.BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = `hub_http_${process.pid}`
const url = databaseUrl(SERVER_URL, DATABASE)
const PORTS = {
  app: 4100 + (process.pid % 90) * 3,
  bare: 4101 + (process.pid % 90) * 3,
  cold: 4102 + (process.pid % 90) * 3,
}
const OVERVIEW = '/consultations/substance-misuse-services'
const WEIGHT_LIMIT_KB = 60
/** What a browser sends with a page request, behind a TLS-terminating proxy on this machine. */
const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'br, gzip', 'x-forwarded-proto': 'https' }

/** BENCH_CPU_PROF=<folder>: the app's processes write V8 CPU profiles there, for a look at what dominates. */
const APP_NODE_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []

const cleanups: (() => Promise<unknown>)[] = []

async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse())
    await step().catch((err: unknown) => console.error('clean-up step failed:', err))
}

async function prepareDatabase(): Promise<Knex> {
  const admin = adminConnection(SERVER_URL)
  await admin.raw('CREATE DATABASE ??', [DATABASE])
  await admin.destroy()
  cleanups.push(async () => {
    const cleanup = adminConnection(SERVER_URL)
    await cleanup.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [DATABASE])
    await cleanup.destroy()
  })
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 2 } })
  cleanups.push(() => db.destroy())
  const started = performance.now()
  await migrateToLatest(db)
  await runSeeds(db)
  const { consultationService, surveyService } = createServices(db)
  const loadId = await consultationService.replaceConsultation(loadConsultation(new Date()))
  await surveyService.replaceSurvey(loadId, loadSurvey)
  await generateConsultations(db)
  await generateBenchResponses(db)
  console.log(
    `database ${DATABASE}: seeded, 500 consultations and ${RESPONSES} responses generated in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return db
}

function appEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PORT: String(port),
    BASE_URL: `https://127.0.0.1:${port}`,
    // As behind a proxy on this machine: its X-Forwarded-For (one address a resident) and -Proto are believed.
    TRUST_PROXY: 'loopback',
    SESSION_SECRET: 'bench-http-secret-bench-http-secret-1234',
    LOG_LEVEL: 'silent',
    ...extra,
  }
}

async function started(child: Promise<ChildProcess>): Promise<ChildProcess> {
  const process = await child
  cleanups.push(() => stopApp(process))
  return process
}

/** The slug of the term of `table` most generated consultations are tagged with. */
async function busiestTerm(db: Knex, table: string, joinTable: string, column: string): Promise<string> {
  const row = await db(table)
    .join(joinTable, `${joinTable}.${column}`, `${table}.id`)
    .groupBy(`${table}.slug`)
    .orderByRaw('count(*) desc')
    .first<{ slug: string } | undefined>(`${table}.slug`)
  if (!row) throw new Error(`no ${table}`)
  return row.slug
}

/** A resident's session cookie, partway into the survey: the first page answered, the second page next. */
async function residentMidSurvey(origin: string): Promise<{ cookie: string; path: string }> {
  const browser = createBrowser({
    origin,
    address: '198.19.0.1',
    headers: { 'x-forwarded-proto': 'https' },
    onResponse: () => undefined,
  })
  const start = await browser.get(SURVEY_START)
  let page = await browser.get(start.$('a.govuk-button--start').attr('href') ?? '')
  page = await browser.submit(page, { ...answersOf(0)['your-area'], action: 'continue' })
  const path = `${SURVEY_START}/your-views`
  if (page.url !== path || page.status !== 200) throw new Error(`expected ${path}, got ${page.status} at ${page.url}`)
  const cookie = browser.cookieHeader()
  browser.close()
  return { cookie, path }
}

const responsesStored = async (db: Knex) =>
  Number((await db('responses').count<{ count: string }[]>('* as count'))[0]?.count)

async function main(): Promise<Verdict[]> {
  buildForBench()
  const db = await prepareDatabase()
  const app = await started(startApp(appEnv(PORTS.app), APP_NODE_ARGS))
  const bare = await started(startBareExpress(PORTS.bare))
  const origin = `http://127.0.0.1:${PORTS.app}`
  const bareUrl = `http://127.0.0.1:${PORTS.bare}/`
  const ward = await busiestTerm(db, 'wards', 'consultation_wards', 'ward_id')
  const topic = await busiestTerm(db, 'topics', 'consultation_topics', 'topic_id')
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s a run after ${WARM_UP_SECONDS} s of warm-up, ` +
      `bare Express first each turn; load average ${os.loadavg()[0]?.toFixed(1)} ` +
      `on ${os.availableParallelism()} CPUs\n`,
  )

  const verdicts: Verdict[] = []
  const say = (verdict: Verdict) => {
    console.log(verdict.line)
    verdicts.push(verdict)
  }
  /** Bare Express, then the target, under the same load: the ratio compares neighbours in time. */
  const turn = async (server: ChildProcess, port: number, path: string, headers: Record<string, string>) => {
    const bareFigures = await hammer(bare, bareUrl, {})
    return { bare: bareFigures, target: await hammer(server, `http://127.0.0.1:${port}${path}`, headers) }
  }

  const anonymousGoal = { throughput: 0.5, p99: 1.5, cacheHits: true }
  const anonymous: [string, string][] = [
    ['home /', '/'],
    ['finder', `/consultations?q=drug&status=closed&ward=${ward}`],
    ['overview', OVERVIEW],
    ['topic page', `/topics/${topic}`],
    ['API list', '/api/consultations'],
  ]
  let overviewCached: Figures | undefined
  for (const [name, path] of anonymous) {
    const { bare: bareFigures, target } = await turn(app, PORTS.app, path, BROWSER_HEADERS)
    if (path === OVERVIEW) overviewCached = target
    say(compare(`${name} ${path}`, target, bareFigures, anonymousGoal))
  }

  const resident = await residentMidSurvey(origin)
  const session = await turn(app, PORTS.app, resident.path, { ...BROWSER_HEADERS, cookie: resident.cookie })
  say(
    compare(`survey page with a session ${resident.path}`, session.target, session.bare, {
      throughput: 0.2,
      cacheHits: false,
    }),
  )

  const before = await responsesStored(db)
  const bareFigures = await hammer(bare, bareUrl, {})
  const journeys = await runJourneys(app, origin, 1)
  const stored = (await responsesStored(db)) - before
  const journeysPerSecond = journeys.journeysPerSecond.toFixed(1)
  say(
    compare(
      `survey journeys' requests (${RESIDENTS} residents at once, ${journeysPerSecond} journeys/s)`,
      journeys,
      bareFigures,
      {
        throughput: 0.1,
        cacheHits: false,
      },
    ),
  )
  const reasons = [...new Set(journeys.failureReasons)].slice(0, 3)
  say(
    threshold(
      'every submission stored',
      `${journeys.references.length} of ${journeys.journeys} journeys completed, ${stored} responses stored` +
        reasons.map((reason) => `; stopped: ${reason}`).join(''),
      stored === journeys.references.length && journeys.references.length === journeys.journeys,
      'stored = completed = started',
    ),
  )

  const weight = await firstVisitWeight(origin, OVERVIEW, BROWSER_HEADERS)
  const kb = (bytes: number) => (bytes / 1024).toFixed(1)
  say(
    threshold(
      'overview first-visit weight',
      `${kb(weight.total)} KB (` +
        weight.parts.map((part) => `${part.kind} ${part.path} ${kb(part.bytes)} KB ${part.encoding}`).join(', ') +
        ')' +
        (weight.missing.length > 0 ? `; not served: ${weight.missing.join(', ')}` : ''),
      weight.total < WEIGHT_LIMIT_KB * 1024,
      `< ${WEIGHT_LIMIT_KB} KB`,
    ),
  )

  // The whole request's CPU in the app's process (Express, session-less middleware, queries, render,
  // compression): the same app started again with the page cache off, loaded as the cached run was.
  const coldApp = await started(startApp(appEnv(PORTS.cold, { PAGE_CACHE_MAX_MB: '0' }), APP_NODE_ARGS))
  const cold = (await turn(coldApp, PORTS.cold, OVERVIEW, BROWSER_HEADERS)).target
  // Requests autocannon gave up on are still queued for a database connection: let them finish first.
  await new Promise((resolve) => setTimeout(resolve, 5000))
  await stopApp(coldApp)
  const cached = overviewCached ? cpuPerRequest(overviewCached).toFixed(3) : '?'
  say(
    threshold(
      'overview CPU per request',
      `${cpuPerRequest(cold).toFixed(2)} ms cold (page cache off, ${cold.perSecond.toFixed(0)} req/s, ` +
        `${cold.failures} failed), ${cached} ms from the page cache`,
      cold.failures === 0,
      'reported; no failures',
    ),
  )
  return verdicts
}

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void cleanUp().then(() => process.exit(130))
  })

main()
  .then((verdicts) => {
    const failed = verdicts.filter((verdict) => !verdict.pass)
    console.log(`\nSummary: ${verdicts.length - failed.length} PASS, ${failed.length} FAIL`)
    for (const verdict of failed) console.log(`  ${verdict.line}`)
  })
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => cleanUp())
