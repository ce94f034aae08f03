import { BENCH_OFFICER } from '../officer'
import { sleep } from './app-process'
import { Browser } from './browser'
import type { BenchContext } from './context'
import { Crowd, residentAddress } from './crowd'
import { EXPORT_SLUG, type AppConnections } from './database'
import { StalledDownload } from './downloads'
import { describeReply, unexpectedReplies } from './outage'
import { latencySummary, ms, statusCounts, type FaultResult } from './report'

export const EXPORT_PATH = `/admin/consultations/${EXPORT_SLUG}/exports/responses.csv`
const DOWNLOADS = 10
const PUBLIC_PAGE_LIMIT_MS = 1_000
const SAMPLE_EVERY_MS = 500
const WARM_UP_MS = 3_000

const tally = (outcomes: string[]): string =>
  [...new Set(outcomes)].map((outcome) => `${outcomes.filter((o) => o === outcome).length} ${outcome}`).join(', ')

/** An analyst's browser, signed in with the password as a person would. */
export async function signedInAnalyst(port: number): Promise<Browser> {
  const browser = new Browser(port, residentAddress())
  const form = await browser.get('/admin/sign-in')
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? ''
  const signedIn = await browser.post('/admin/sign-in', { _csrf: token, ...BENCH_OFFICER })
  if (signedIn.status !== 303) throw new Error(`the analyst's sign-in answered ${signedIn.status}`)
  return browser
}

/** Fault 3: ten downloads nobody reads while residents browse and respond. */
export async function stalledExports(ctx: BenchContext, stallTimeoutMs: number): Promise<FaultResult> {
  const analyst = await signedInAnalyst(ctx.port)
  const headers = { ...analyst.proxyHeaders(), cookie: analyst.cookieHeader() }
  const before = await ctx.database.appConnections()
  const abandonedBefore = ctx.app.logged('export abandoned').length
  const crowd = new Crowd(ctx.port, ctx.residents)
  crowd.start()
  const warmFrom = performance.now()
  await sleep(WARM_UP_MS)
  const from = performance.now()
  const fromClock = Date.now()
  const downloads = await Promise.all(
    Array.from({ length: DOWNLOADS }, () => StalledDownload.open(ctx.port, EXPORT_PATH, headers)),
  )
  const samples: (AppConnections & { at: number })[] = []
  while (performance.now() - from < stallTimeoutMs + 10_000) {
    samples.push({ ...(await ctx.database.appConnections()), at: performance.now() - from })
    await sleep(SAMPLE_EVERY_MS)
  }
  await crowd.stop()
  const to = performance.now()
  const streamed = downloads.filter((download) => download.status === 200)
  const drained = await Promise.all(streamed.map((download) => download.drain(2_000)))

  const pagesIn = (start: number, end: number) =>
    crowd.repliesBetween(start, end).filter((reply) => reply.method === 'GET')
  const pages = pagesIn(from, to)
  const latencies = pages.map((reply) => reply.ms)
  const peak = Math.max(...samples.map((sample) => sample.longHeld))
  const last = samples.at(-1) ?? before
  const abandonedAfter = ctx.app
    .logged('export abandoned')
    .slice(abandonedBefore)
    .map((line) => ms(Date.parse((JSON.parse(line) as { time: string }).time) - fromClock))
  const lastHeld = samples.findLastIndex((sample) => sample.longHeld > before.longHeld)
  const released = lastHeld === -1 ? undefined : samples[lastHeld + 1]
  return {
    name: `${DOWNLOADS} unread export downloads while residents browse and respond`,
    pass:
      Math.max(...latencies) < PUBLIC_PAGE_LIMIT_MS &&
      ctx.app.alive &&
      last.longHeld <= before.longHeld &&
      drained.every((outcome) => outcome !== 'still open'),
    figures: [
      `downloads: statuses ${statusCounts(downloads.map((d) => d.status))}, headers after ` +
        latencySummary(downloads.map((d) => d.headerMs)),
      `public pages (GET) during the downloads, ${ctx.residents} residents: ${latencySummary(latencies)} ` +
        `(limit ${ms(PUBLIC_PAGE_LIMIT_MS)}); statuses ${statusCounts(pages.map((r) => r.status))}; in the ` +
        `${ms(WARM_UP_MS)} before them: ${latencySummary(pagesIn(warmFrom, from).map((reply) => reply.ms))}`,
      `app's connections held over 1 s: before ${before.longHeld}, peak ${peak}, at the end ${last.longHeld}` +
        (released ? ` (back to ${before.longHeld} for good by ${ms(released.at)} after the downloads opened)` : '') +
        `; all the app's connections: before ${before.total}, peak ` +
        `${Math.max(...samples.map((sample) => sample.total))}, at the end ${last.total}`,
      `EXPORT_STALL_TIMEOUT_MS ${stallTimeoutMs}: "export abandoned" logged ${abandonedAfter.length} times ` +
        `(${abandonedAfter.join(', ')} after the downloads opened); the ` +
        `${streamed.length} downloads that started (200), read at the end: ${tally(drained)}`,
      `app process alive: ${ctx.app.alive}; responses sent meanwhile: ${crowd.references.length}`,
    ],
    findings: unexpectedReplies(crowd.replies)
      .slice(0, 5)
      .map((reply) => `unexpected reply: ${describeReply(reply)}`),
  }
}
