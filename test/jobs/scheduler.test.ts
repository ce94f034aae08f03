import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLogger } from '../../src/logger'
import { type Job, startJobs } from '../../src/jobs/scheduler'
import { captureLogs } from '../support/logs'

const logger = createLogger('silent')

describe('the job scheduler', () => {
  it('runs each job when it is due, keeps going when one fails, and waits for a run in progress on stop', async () => {
    let clock = 0
    const ran: string[] = []
    const jobs: Job[] = [
      {
        name: 'hourly',
        everyMs: 60 * 60 * 1000,
        async run() {
          ran.push('hourly')
          return Promise.resolve({})
        },
      },
      {
        name: 'failing',
        everyMs: 0,
        async run() {
          ran.push('failing')
          return Promise.reject(new Error('no database'))
        },
      },
    ]
    const runner = startJobs(jobs, { logger, tickMs: 60_000, clock: () => clock })
    await runner.tick()
    clock = 30 * 60 * 1000
    await runner.tick()
    clock = 60 * 60 * 1000
    await runner.tick()
    await runner.stop()
    assert.deepEqual(ran, ['hourly', 'failing', 'failing', 'hourly', 'failing'])
  })

  it('ticks by itself once started', async () => {
    let runs = 0
    const runner = startJobs(
      [
        {
          name: 'counting',
          everyMs: 0,
          async run() {
            runs++
            return Promise.resolve({ runs })
          },
        },
      ],
      { logger, tickMs: 10 },
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    await runner.stop()
    const stoppedAt = runs
    assert.ok(stoppedAt >= 2, `ran ${stoppedAt} times`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(runs, stoppedAt, 'no more runs after stop')
  })

  it('logs a run that did something at info, and one that found nothing to do at debug', async () => {
    const logs = captureLogs()
    let due = 2
    const sending: Job = { name: 'sending', everyMs: 0, run: () => Promise.resolve({ sent: due }) }
    const runner = startJobs([sending], { logger: logs.logger, tickMs: 60_000 })
    await runner.tick()
    due = 0
    await runner.tick()
    await runner.stop()
    const levels = logs.entries().map((entry) => [entry.level, entry.sent])
    assert.deepEqual(levels, [
      [30, 2],
      [20, 0],
    ])
  })
})
