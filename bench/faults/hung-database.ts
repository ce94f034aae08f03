import { sleep, STATEMENT_TIMEOUT_MS } from './app-process'
import { Browser, isServiceProblemPage } from './browser'
import type { BenchContext } from './context'
import { residentAddress } from './crowd'
import { describeReply } from './outage'
import { ms, type FaultResult } from './report'

const READY_WITHIN_MS = 2_000
/** A query on an open connection waits for the statement timeout and the app's 2 s grace, then gives up. */
const PAGE_WITHIN_MS = STATEMENT_TIMEOUT_MS + 2_000 + 1_000
const FREEZE_MS = PAGE_WITHIN_MS + 3_000

/**
 * The database hangs rather than refusing: every PostgreSQL process of the cluster is stopped with SIGSTOP, so
 * connections stay open and nothing answers (PostgreSQL cannot enforce its own statement timeout then). /readyz
 * says not ready within 2 s, so a load balancer stops sending residents; a page already sent waits no longer than
 * the statement timeout and 2 s, then gets the problem page.
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
  const good = replies.every((reply) =>
    reply.path === '/readyz'
      ? reply.ms <= READY_WITHIN_MS && reply.status === 503
      : reply.ms <= PAGE_WITHIN_MS && isServiceProblemPage(reply),
  )
  return {
    name:
      'database hung (its processes stopped with SIGSTOP): /readyz says not ready within 2 s, pages get the ' +
      `problem page within ${ms(PAGE_WITHIN_MS)}`,
    pass: good,
    figures: [
      `frozen for up to ${ms(FREEZE_MS)}; a reply taking longer waited for the database to be thawed`,
      ...replies.map(describeReply),
    ],
  }
}
