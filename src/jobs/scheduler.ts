import type { Logger } from '../logger'

/** Work the server does by itself now and then. `run` gives a summary to log: counts, never residents' data. */
export interface Job {
  name: string
  everyMs: number
  run: () => Promise<Record<string, unknown>>
}

export interface JobRunner {
  /** Runs every job that is due, one after another; a failing job is logged and the others still run. */
  tick(): Promise<void>
  /** Stops ticking and waits for a job in progress to finish. */
  stop(): Promise<void>
}

export interface JobRunnerOptions {
  logger: Logger
  tickMs?: number
  /** Milliseconds since the epoch, as Date.now gives. */
  clock?: () => number
}

/** Often enough that an email queued in the outbox leaves within seconds; each job keeps its own interval. */
const FIFTEEN_SECONDS = 15 * 1000

/** A run that found nothing to do (every count 0): logged at debug, or the outbox would log four times a minute. */
const isIdle = (summary: Record<string, unknown>) => Object.values(summary).every((value) => value === 0)

/**
 * Checks every 15 seconds for jobs that are due. Nothing runs on import: the server starts it after it
 * listens, and tests start it only when they test it. A job that must run on one instance only takes an
 * advisory lock itself (see src/db/locks.ts).
 */
export function startJobs(
  jobs: readonly Job[],
  { logger, tickMs = FIFTEEN_SECONDS, clock = () => Date.now() }: JobRunnerOptions,
): JobRunner {
  const nextRun = new Map(jobs.map((job) => [job.name, clock()]))
  let running: Promise<void> = Promise.resolve()

  async function runDue(): Promise<void> {
    for (const job of jobs) {
      if ((nextRun.get(job.name) ?? 0) > clock()) continue
      nextRun.set(job.name, clock() + job.everyMs)
      try {
        const summary = await job.run()
        logger[isIdle(summary) ? 'debug' : 'info']({ job: job.name, ...summary }, 'job ran')
      } catch (err) {
        logger.error({ job: job.name, err }, 'job failed')
      }
    }
  }

  const tick = () => (running = running.then(runDue))
  const timer = setInterval(() => void tick(), tickMs)
  timer.unref()
  return {
    tick,
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
