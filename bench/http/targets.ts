/** bench/http's targets beyond the anonymous pages: a resident's survey page and journeys, weight, cold CPU. */
import type { ChildProcess } from 'node:child_process'
import type { Knex } from 'knex'
import { createBrowser } from '../load/browser'
import { SURVEY_START } from '../load/resident'
import { answersOf } from '../load/survey'
import { type Figures, hammer, JOURNEY_WARM_UP_SECONDS, RESIDENTS, runJourneys } from './load'
import { compare, cpuPerRequest, threshold, type Verdict } from './report'
import { firstVisitWeight } from './weight'

const WEIGHT_LIMIT_KB = 60

/** What every target needs: the running servers and the way to load one and report it. */
export interface BenchContext {
  db: Knex
  app: ChildProcess
  appPort: number
  bare: ChildProcess
  bareUrl: string
  origin: string
  overview: string
  browserHeaders: Record<string, string>
  /** Bare Express, then the target, under the same load: the ratio compares neighbours in time. */
  turn: (
    server: ChildProcess,
    port: number,
    path: string,
    headers: Record<string, string>,
  ) => Promise<{ bare: Figures; target: Figures }>
  say: (verdict: Verdict) => void
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

export async function surveyPageTarget(bench: BenchContext): Promise<void> {
  const resident = await residentMidSurvey(bench.origin)
  const session = await bench.turn(bench.app, bench.appPort, resident.path, {
    ...bench.browserHeaders,
    cookie: resident.cookie,
  })
  bench.say(
    compare(`survey page with a session ${resident.path}`, session.target, session.bare, {
      throughput: 0.2,
      cacheHits: false,
    }),
  )
}

const responsesStored = async (db: Knex) =>
  Number((await db('responses').count<{ count: string }[]>('* as count'))[0]?.count)

export async function journeysTarget(bench: BenchContext): Promise<void> {
  const warmUp = await runJourneys(bench.app, bench.origin, 1, JOURNEY_WARM_UP_SECONDS)
  const before = await responsesStored(bench.db)
  const bareFigures = await hammer(bench.bare, bench.bareUrl, {})
  const journeys = await runJourneys(bench.app, bench.origin, warmUp.journeys + 1)
  const stored = (await responsesStored(bench.db)) - before
  const journeysPerSecond = journeys.journeysPerSecond.toFixed(1)
  bench.say(
    compare(
      `survey journeys' requests (${RESIDENTS} residents at once, ${journeysPerSecond} journeys/s, ` +
        `the residents' CPU ${journeys.residentsCpuMsPerRequest.toFixed(2)} ms/request)`,
      journeys,
      bareFigures,
      { throughput: 0.1, cacheHits: false },
    ),
  )
  const reasons = [...new Set([...warmUp.failureReasons, ...journeys.failureReasons])].slice(0, 3)
  bench.say(
    threshold(
      'every submission stored',
      `${journeys.references.length} of ${journeys.journeys} journeys completed, ${stored} responses stored ` +
        `(after ${warmUp.references.length} of ${warmUp.journeys} in ${JOURNEY_WARM_UP_SECONDS} s of warm-up)` +
        reasons.map((reason) => `; stopped: ${reason}`).join(''),
      stored === journeys.references.length &&
        journeys.references.length === journeys.journeys &&
        warmUp.references.length === warmUp.journeys,
      'stored = completed = started',
    ),
  )
}

export async function overviewWeightTarget(bench: BenchContext): Promise<void> {
  const weight = await firstVisitWeight(bench.origin, bench.overview, bench.browserHeaders)
  const kb = (bytes: number) => (bytes / 1024).toFixed(1)
  bench.say(
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
}

/**
 * The whole request's CPU in the app's process (Express, session-less middleware, queries, render,
 * compression): the same app started again with the page cache off (`coldApp`), loaded as the cached run was.
 */
export async function coldOverviewTarget(
  bench: BenchContext,
  coldApp: { process: ChildProcess; port: number; stop: () => Promise<void> },
  overviewCached: Figures | undefined,
): Promise<void> {
  const cold = (await bench.turn(coldApp.process, coldApp.port, bench.overview, bench.browserHeaders)).target
  // Requests autocannon gave up on are still queued for a database connection: let them finish first.
  await new Promise((resolve) => setTimeout(resolve, 5000))
  await coldApp.stop()
  const cached = overviewCached ? cpuPerRequest(overviewCached).toFixed(3) : '?'
  bench.say(
    threshold(
      'overview CPU per request',
      `${cpuPerRequest(cold).toFixed(2)} ms cold (page cache off, ${cold.perSecond.toFixed(0)} req/s, ` +
        `${cold.failures} failed), ${cached} ms from the page cache`,
      cold.failures === 0,
      'reported; no failures',
    ),
  )
}
