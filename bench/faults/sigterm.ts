import { sleep } from './app-process'
import { Browser, type Reply } from './browser'
import type { BenchContext } from './context'
import { residentAddress } from './crowd'
import { readDownload } from './downloads'
import { describeReply } from './outage'
import { ms, type FaultResult } from './report'
import { JOURNEY, Resident } from './resident'
import { EXPORT_PATH, signedInAnalyst } from './stalled-exports'

/** SIGTERM comes once the download has delivered this much, so it arrives mid-export. */
const SIGNAL_AFTER_BYTES = 1024 * 1024

/**
 * Fault 4: SIGTERM arrives while an analyst downloads the big CSV and while a resident's submission is
 * in flight (its request's headers and half its body sent). Both must complete, and the process exit 0.
 */
export async function sigtermMidway(ctx: BenchContext, graceMs: number): Promise<FaultResult> {
  const analyst = await signedInAnalyst(ctx.port)
  const replies: Reply[] = []
  const resident = new Resident(new Browser(ctx.port, residentAddress(), (reply) => replies.push(reply)), {
    giveUpAfterMs: 0,
  })
  for (const [pageKey, fields] of JOURNEY) await resident.answer(pageKey, fields)
  const storedBefore = await ctx.database.answerCounts()

  let midway: () => void = () => undefined
  const reachedMidway = new Promise<void>((resolve) => (midway = resolve))
  const headers = { ...analyst.proxyHeaders(), cookie: analyst.cookieHeader() }
  const downloading = readDownload(ctx.port, EXPORT_PATH, headers, (bytes) => bytes >= SIGNAL_AFTER_BYTES && midway())
  const downloadEnd = downloading.then(() => performance.now())
  const exitAt = ctx.app.exited.then(() => performance.now())
  await reachedMidway
  let signalledAt = NaN
  const submitted = await resident
    .submit(async () => {
      ctx.app.signal('SIGTERM')
      signalledAt = performance.now()
      await sleep(300)
    })
    .catch((err: unknown) => `${String(err)} (${replies.slice(-2).map(describeReply).join('; ')})`)
  const download = await downloading
  const exitCode = await ctx.app.exited
  const exitMs = (await exitAt) - signalledAt

  const stored = [...(await ctx.database.answerCounts())].filter(([reference]) => !storedBefore.has(reference))
  const submissionOk =
    typeof submitted !== 'string' &&
    submitted.status === 303 &&
    String(submitted.headers.location).endsWith('/survey/confirmation')
  const csvOk = download.complete && download.status === 200 && download.lines === ctx.exportRows + 1
  return {
    name: 'SIGTERM during a long CSV export and a survey submission',
    pass:
      submissionOk &&
      csvOk &&
      stored.length === 1 &&
      stored[0]?.[1] === ctx.answersPerJourney &&
      exitCode === 0 &&
      exitMs < graceMs,
    figures: [
      `SIGTERM after ${(SIGNAL_AFTER_BYTES / 1024 / 1024).toFixed(0)} MB of the CSV, with the submission's ` +
        `request half sent (its body completed 300 ms later)`,
      `submission: ` +
        (typeof submitted === 'string'
          ? submitted
          : `${submitted.status} → ${submitted.headers.location}, ${ms(submitted.ms)}`) +
        `; stored: ${stored.length} response(s), ${stored[0]?.[1]} answers of ${ctx.answersPerJourney}`,
      `CSV: status ${download.status}, complete ${download.complete}, ${download.lines} lines for ` +
        `${ctx.exportRows} responses + header, ${(download.bytes / 1024 / 1024).toFixed(1)} MB, finished ` +
        `${ms((await downloadEnd) - signalledAt)} after SIGTERM`,
      `process exit code ${exitCode}, ${ms(exitMs)} after SIGTERM (SHUTDOWN_GRACE_MS ${graceMs}); ` +
        `"shut down cleanly" logged: ${ctx.app.logged('shut down cleanly').length > 0}`,
    ],
  }
}
