import { sleep } from './app-process'
import { Browser, isServiceProblemPage, type Reply } from './browser'
import type { BenchContext } from './context'
import { Crowd, residentAddress } from './crowd'
import { latencySummary, ms, statusCounts, type FaultResult } from './report'
import { JOURNEY, Resident, SAMPLE_SLUG } from './resident'

const WARM_UP_MS = 5_000
const OUTAGE_MS = 5_000
const AFTER_MS = 5_000
const PROBE_EVERY_MS = 250
/** The longest a request may wait for its 503 page while the database is down. */
const ANSWER_WITHIN_MS = 2_000
const HALF_JOURNEY = 3

const probes: Reply[] = []

/** Probes while the database is down: a page with no cookie, one with a session, and /readyz. */
async function probeUntil(done: () => boolean, withSession: Browser, port: number): Promise<void> {
  const anonymous = () => new Browser(port, residentAddress(), (reply) => probes.push(reply))
  while (!done()) {
    await Promise.all([
      anonymous().get('/'),
      anonymous().get(`/consultations/${SAMPLE_SLUG}/survey/${JOURNEY[0]?.[0]}`),
      withSession.get(`/consultations/${SAMPLE_SLUG}/survey/${JOURNEY[1]?.[0]}`),
      anonymous().get('/readyz'),
    ])
    await sleep(PROBE_EVERY_MS)
  }
}
/** How long after `from` the app serves a page and reports ready again. */
async function timeToServe(port: number, from: number): Promise<{ pageMs: number; readyMs: number }> {
  const browser = new Browser(port, residentAddress())
  let pageMs = NaN
  let readyMs = NaN
  while (Number.isNaN(pageMs) || Number.isNaN(readyMs)) {
    const [page, ready] = await Promise.all([browser.get('/'), browser.get('/readyz')])
    if (Number.isNaN(pageMs) && page.status === 200) pageMs = performance.now() - from
    if (Number.isNaN(readyMs) && ready.status === 200) readyMs = performance.now() - from
    if (performance.now() - from > 30_000) break
    await sleep(100)
  }
  return { pageMs, readyMs }
}

/**
 * A request started while the database was down must be answered within 2 s, with the 503 page unless
 * it ended after the restart began (then any success will do).
 */
function judgeDownWindow(replies: Reply[], restartAt: number): Reply[] {
  return replies.filter((reply) => {
    if (reply.path === '/readyz') return reply.status !== 503 || reply.ms > ANSWER_WITHIN_MS
    if (reply.ms > ANSWER_WITHIN_MS) return true
    if (isServiceProblemPage(reply)) return false
    return !(reply.startedAt + reply.ms > restartAt && (reply.status === 200 || reply.status === 303))
  })
}

export const unexpectedReplies = (replies: Reply[]): Reply[] =>
  replies.filter((reply) => ![200, 303, 503].includes(reply.status))

export const describeReply = (reply: Reply): string =>
  `${reply.method} ${reply.path} → ${reply.status || reply.error} in ${ms(reply.ms)}`

/** Faults 1 and 2: the database stops under load, then starts again. */
export async function databaseOutage(ctx: BenchContext): Promise<[FaultResult, FaultResult]> {
  const storedBefore = await ctx.database.answerCounts()
  const crowd = new Crowd(ctx.port, ctx.residents)
  const between = new Resident(new Browser(ctx.port, residentAddress()), { giveUpAfterMs: 60_000 })
  for (const [pageKey, fields] of JOURNEY.slice(0, HALF_JOURNEY)) await between.answer(pageKey, fields)
  const sessionProbe = new Browser(ctx.port, residentAddress(), (reply) => probes.push(reply))
  const [firstPage, firstAnswers] = JOURNEY[0] ?? []
  await new Resident(sessionProbe).answer(firstPage ?? '', firstAnswers ?? {})

  crowd.start()
  await sleep(WARM_UP_MS)
  await ctx.cluster.stop('fast')
  const downFrom = performance.now()
  let restartAt = Infinity
  const probing = probeUntil(() => performance.now() >= restartAt, sessionProbe, ctx.port)
  const betweenTriesBefore = between.failedTries
  const betweenFinished = (async () => {
    for (const [pageKey, fields] of JOURNEY.slice(HALF_JOURNEY)) await between.answer(pageKey, fields)
    await between.submit()
  })().then(
    () => null,
    (err: unknown) => String(err),
  )
  await sleep(OUTAGE_MS)
  restartAt = performance.now()
  await probing
  await ctx.cluster.start()
  const upAt = performance.now()
  const recovery = await timeToServe(ctx.port, upAt)
  await sleep(AFTER_MS)
  await crowd.stop()
  const betweenError = await betweenFinished

  const during = [...crowd.repliesBetween(downFrom, restartAt), ...probes.filter((r) => r.startedAt >= downFrom)]
  const pages = during.filter((reply) => reply.path !== '/readyz')
  const readiness = during.filter((reply) => reply.path === '/readyz')
  const wrong = judgeDownWindow(during, restartAt)
  const storedAfter = await ctx.database.answerCounts()
  const newResponses = [...storedAfter].filter(([reference]) => !storedBefore.has(reference))
  const partial = newResponses.filter(([, answers]) => answers !== ctx.answersPerJourney)
  const confirmed = [...crowd.references, ...(between.reference ? [between.reference] : [])]
  const unconfirmedStored = newResponses.filter(([reference]) => !confirmed.includes(reference))
  const confirmedMissing = confirmed.filter((reference) => !storedAfter.has(reference))
  const unexpected = unexpectedReplies(crowd.replies)

  const outage: FaultResult = {
    name: 'database stopped under load, then started again',
    pass:
      wrong.length === 0 &&
      ctx.app.alive &&
      recovery.pageMs < 5_000 &&
      partial.length === 0 &&
      confirmedMissing.length === 0 &&
      readiness.length > 0,
    figures: [
      `${ctx.residents} residents; database down for ${ms(restartAt - downFrom)} (pg_ctl stop -m fast)`,
      `pages requested while down: ${pages.length} (${pages.filter((r) => r.withCookie).length} with a session ` +
        `cookie), statuses ${statusCounts(pages.map((r) => r.status))}, ${latencySummary(pages.map((r) => r.ms))}`,
      `503 pages with "Sorry, there is a problem with the service" and Retry-After: ` +
        `${pages.filter(isServiceProblemPage).length} of ${pages.length}`,
      `/readyz while down: statuses ${statusCounts(readiness.map((r) => r.status))}, ` +
        latencySummary(readiness.map((r) => r.ms)),
      `requests not answered as required while down: ${wrong.length}` +
        (wrong.length ? ` (${wrong.slice(0, 5).map(describeReply).join('; ')})` : ''),
      `app process alive: ${ctx.app.alive}`,
      `after pg_ctl start returned: a page served after ${ms(recovery.pageMs)}, /readyz 200 after ` +
        `${ms(recovery.readyMs)} (no restart of the app)`,
      `responses stored during the run: ${newResponses.length}; confirmed to residents: ${confirmed.length}; ` +
        `stored without all ${ctx.answersPerJourney} answers: ${partial.length}; confirmed but not stored: ` +
        `${confirmedMissing.length}; stored but never confirmed: ${unconfirmedStored.length}`,
      `crowd requests in all: ${crowd.replies.length}, statuses ${statusCounts(crowd.replies.map((r) => r.status))}` +
        `; residents who gave up a journey: ${crowd.gaveUp}`,
    ],
    findings: unexpected.slice(0, 5).map((reply) => `unexpected reply: ${describeReply(reply)}`),
  }
  const betweenAnswers = between.reference ? storedAfter.get(between.reference) : undefined
  const betweenResult: FaultResult = {
    name: 'a resident whose database went down between two pages carries on and submits',
    pass: betweenError === null && betweenAnswers === ctx.answersPerJourney,
    figures: [
      `answered ${HALF_JOURNEY} of ${JOURNEY.length} pages before the outage; tries that failed during it: ` +
        `${between.failedTries - betweenTriesBefore}`,
      betweenError
        ? `did not finish: ${betweenError}`
        : `sent the response after the restart: reference ${between.reference}, ` +
          `${betweenAnswers} answers stored of ${ctx.answersPerJourney} for a whole journey`,
    ],
  }
  return [outage, betweenResult]
}
