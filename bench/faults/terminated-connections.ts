import { Browser, type Reply } from './browser'
import type { BenchContext } from './context'
import { residentAddress } from './crowd'
import { describeReply } from './outage'
import { ms, statusCounts, type FaultResult } from './report'
import { JOURNEY, Resident, SAMPLE_SLUG } from './resident'
import { EXPORT_PATH, signedInAnalyst } from './stalled-exports'

/** An export that matches no response: quick, yet it takes a connection from the exports' pool. */
const EMPTY_EXPORT = `${EXPORT_PATH}?from=2030-01-01`
const PUBLIC_PAGES = ['/', '/consultations', `/consultations/${SAMPLE_SLUG}`, '/readyz']

/** Fault 5: PostgreSQL ends every connection of the app's; the next requests must not notice. */
export async function terminatedConnections(ctx: BenchContext): Promise<FaultResult> {
  const replies: Reply[] = []
  const record = (reply: Reply) => replies.push(reply)
  const resident = new Resident(new Browser(ctx.port, residentAddress(), record), { giveUpAfterMs: 0 })
  await resident.answer(...(JOURNEY[0] ?? ['', {}]))
  const analyst = await signedInAnalyst(ctx.port)
  // Fill the pools (the main one and the exports') with idle connections.
  await Promise.all(
    PUBLIC_PAGES.flatMap((path) => [0, 1].map(() => new Browser(ctx.port, residentAddress()).get(path))),
  )
  await analyst.get(EMPTY_EXPORT)
  const before = await ctx.database.appConnections()
  const terminated = await ctx.database.terminateAppConnections()
  const terminatedAt = performance.now()
  replies.length = 0

  const anonymous = () => new Browser(ctx.port, residentAddress(), record)
  for (const path of PUBLIC_PAGES) await anonymous().get(path)
  await Promise.all(PUBLIC_PAGES.flatMap((path) => [0, 1, 2].map(() => anonymous().get(path))))
  let residentError: string | null = null
  try {
    for (const [pageKey, fields] of JOURNEY.slice(1)) await resident.answer(pageKey, fields)
    await resident.submit()
  } catch (err) {
    residentError = String(err)
  }
  const exported = await analyst.get(EMPTY_EXPORT)
  replies.push(exported)
  const failed = replies.filter((reply) => reply.status !== 200 && reply.status !== 303)
  return {
    name: "PostgreSQL terminates the app's connections: the next requests succeed",
    pass: failed.length === 0 && residentError === null && ctx.app.alive,
    figures: [
      `terminated ${terminated} of the app's ${before.total} connections (pg_terminate_backend)`,
      `requests after: ${replies.length}, statuses ${statusCounts(replies.map((reply) => reply.status))}`,
      `a resident with a session answered the rest of the survey and sent it: ` +
        (residentError ?? `reference ${resident.reference}`),
      `the analyst's CSV export after (on the exports' own pool): status ${exported.status}`,
      `app process alive: ${ctx.app.alive}`,
    ],
    findings: failed
      .slice(0, 5)
      .map(
        (reply) =>
          `failed after the termination: ${describeReply(reply)}, sent ${ms(reply.startedAt - terminatedAt)} ` +
          `after pg_terminate_backend returned (request ${replies.indexOf(reply) + 1} of ${replies.length})`,
      ),
  }
}
