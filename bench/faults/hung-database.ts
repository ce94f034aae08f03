import { sleep } from './app-process'
import { Browser, isServiceProblemPage } from './browser'
import type { BenchContext } from './context'
import { residentAddress } from './crowd'
import { describeReply } from './outage'
import { ms, type FaultResult } from './report'

const FREEZE_MS = 6_000
const ANSWER_WITHIN_MS = 2_000

/**
 * The database hangs rather than refusing: every PostgreSQL process of the cluster is stopped with
 * SIGSTOP, so connections stay open and nothing answers. Pages and /readyz should still answer in 2 s.
 */
export async function hungDatabase(ctx: BenchContext): Promise<FaultResult> {
  const browser = new Browser(ctx.port, residentAddress())
  // Idle pooled connections, as a busy app has: the hang meets requests on them, not only new connections.
  await Promise.all(Array.from({ length: 4 }, () => browser.get('/consultations')))
  const pids = ctx.cluster.processIds()
  for (const pid of pids) process.kill(pid, 'SIGSTOP')
  const requests = Promise.all([browser.get('/readyz'), browser.get('/'), new Browser(ctx.port, '10.9.9.9').get('/')])
  try {
    await Promise.race([requests, sleep(FREEZE_MS)])
  } finally {
    for (const pid of pids) process.kill(pid, 'SIGCONT')
  }
  const replies = await requests
  const good = replies.every(
    (reply) =>
      reply.ms <= ANSWER_WITHIN_MS && (reply.path === '/readyz' ? reply.status === 503 : isServiceProblemPage(reply)),
  )
  return {
    name: 'database hung (its processes stopped with SIGSTOP): /readyz and pages answer within 2 s',
    pass: good,
    figures: [
      `frozen for up to ${ms(FREEZE_MS)}; a reply taking longer waited for the database to be thawed`,
      ...replies.map(describeReply),
    ],
  }
}
