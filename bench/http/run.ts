/**
 * bench/http: the compiled app in production mode on PostgreSQL (500 generated consultations and 100k
 * responses) against a bare Express "hello world" on the same machine, taking turns (bare, target, bare,
 * target…) under autocannon; a survey journey by many residents at once; the overview page's first-visit
 * weight and its CPU cost per request with the page cache off and on. Creates and drops its own database.
 *   npm run bench:http      (BENCH_URL=postgres://postgres@127.0.0.1:5432/postgres by default)
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:http      (V8 CPU profiles of the app's processes)
 *   BENCH_SECONDS=10 BENCH_WARM_UP_SECONDS=2 BENCH_JOURNEY_WARM_UP_SECONDS=60 BENCH_CONNECTIONS=50
 *     BENCH_RESIDENTS=50 npm run bench:http
 *   BENCH_ONLY=home,survey BENCH_RESPONSES=1000 npm run bench:http      (some targets, quickly: home, finder,
 *   overview, topic, api, survey, journeys, weight, cold)
 */
import type { ChildProcess } from 'node:child_process'
import os from 'node:os'
import knex, { type Knex } from 'knex'
import { adminConnection, databaseUrl } from '../../src/db/provision'
import { migrateToLatest } from '../../src/db/migrations'
import { createServices } from '../../src/services'
import { runSeeds } from '../../seeds'
import { buildForBench, startApp, stopApp } from '../app-process'
import { loadConsultation, loadSurvey } from '../load/survey'
import { startBareExpress } from './bare'
import { generateBenchResponses, generateConsultations, RESPONSES } from './data'
import { CONNECTIONS, type Figures, hammer, JOURNEY_WARM_UP_SECONDS, SECONDS, WARM_UP_SECONDS } from './load'
import { compare, type Verdict } from './report'
import {
  type BenchContext,
  coldOverviewTarget,
  journeysTarget,
  overviewWeightTarget,
  surveyPageTarget,
} from './targets'

const SERVER_URL = process.env.BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = `hub_http_${process.pid}`
const url = databaseUrl(SERVER_URL, DATABASE)
const PORTS = {
  app: 4100 + (process.pid % 90) * 3,
  bare: 4101 + (process.pid % 90) * 3,
  cold: 4102 + (process.pid % 90) * 3,
}
const OVERVIEW = '/consultations/substance-misuse-services'
/** What a browser sends with a page request, behind a TLS-terminating proxy on this machine. */
const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'br, gzip', 'x-forwarded-proto': 'https' }

/** BENCH_CPU_PROF=<folder>: the app's processes write V8 CPU profiles there, for a look at what dominates. */
const APP_NODE_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []

/** BENCH_ONLY=<names>: only these targets, for a quick look at one of them. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
const wanted = (name: string) => !ONLY || ONLY.includes(name)

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
    `${CONNECTIONS} connections, ${SECONDS} s a run after ${WARM_UP_SECONDS} s of warm-up ` +
      `(${JOURNEY_WARM_UP_SECONDS} s for the survey journeys), ` +
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
  const anonymous: [string, string, string][] = [
    ['home', 'home /', '/'],
    ['finder', 'finder', `/consultations?q=drug&status=closed&ward=${ward}`],
    ['overview', 'overview', OVERVIEW],
    ['topic', 'topic page', `/topics/${topic}`],
    ['api', 'API list', '/api/consultations'],
  ]
  let overviewCached: Figures | undefined
  for (const [key, name, path] of anonymous) {
    if (!wanted(key)) continue
    const { bare: bareFigures, target } = await turn(app, PORTS.app, path, BROWSER_HEADERS)
    if (path === OVERVIEW) overviewCached = target
    say(compare(`${name} ${path}`, target, bareFigures, anonymousGoal))
  }

  const bench: BenchContext = {
    db,
    app,
    appPort: PORTS.app,
    bare,
    bareUrl,
    origin,
    overview: OVERVIEW,
    browserHeaders: BROWSER_HEADERS,
    turn,
    say,
  }
  if (wanted('survey')) await surveyPageTarget(bench)
  if (wanted('journeys')) await journeysTarget(bench)
  if (wanted('weight')) await overviewWeightTarget(bench)
  if (wanted('cold')) {
    const coldApp = await started(startApp(appEnv(PORTS.cold, { PAGE_CACHE_MAX_MB: '0' }), APP_NODE_ARGS))
    const stop = () => stopApp(coldApp)
    await coldOverviewTarget(bench, { process: coldApp, port: PORTS.cold, stop }, overviewCached)
  }
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
