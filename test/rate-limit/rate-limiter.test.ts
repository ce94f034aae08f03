import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createRateLimitRepository, type RateLimitRepository } from '../../src/rate-limit/repository'
import { createRateLimiter, hitLimits, limitsUsedUp, removeEndedCounters } from '../../src/rate-limit/service'
import { useTestApp } from '../support/app'

const context = useTestApp()
const MINUTE = 60 * 1000
/** 40 minutes into an hour: an hourly window began 40 minutes ago, a quarter-hour one 10 minutes ago. */
const clock = new Date('2026-12-04T10:40:00Z')
let repository: RateLimitRepository

before(async () => {
  await context.ready
  repository = createRateLimitRepository(context.db)
})

describe('fixed-window rate limits', () => {
  it('refuses a key over its limit until its window ends', async () => {
    const limiter = createRateLimiter(repository, { name: 'test:window', limit: 2, windowMs: 15 * MINUTE }, () => clock)
    assert.equal(await limiter.hit('198.51.100.1'), false)
    assert.equal(await limiter.hit('198.51.100.1'), false)
    assert.equal(await limiter.hit('198.51.100.1'), true)
    assert.equal(await limiter.isLimited('198.51.100.1'), true)
    assert.equal(await limiter.isLimited('198.51.100.2'), false, 'another key has its own count')
    const later = createRateLimiter(repository, { name: 'test:window', limit: 2, windowMs: 15 * MINUTE }, () => {
      return new Date(clock.getTime() + 20 * MINUTE)
    })
    assert.equal(await later.isLimited('198.51.100.1'), false, 'a new window has begun')
  })

  it('has its ended windows deleted by the clean-up, never a window still counting', async () => {
    const hourly = createRateLimiter(repository, { name: 'test:hourly', limit: 2, windowMs: 60 * MINUTE }, () => clock)
    const lastHour = createRateLimiter(repository, { name: 'test:hourly', limit: 2, windowMs: 60 * MINUTE }, () => {
      return new Date(clock.getTime() - 60 * MINUTE)
    })
    await lastHour.hit('203.0.113.7')
    await hourly.hit('203.0.113.7')
    await hourly.hit('203.0.113.7')
    assert.equal(await hourly.isLimited('203.0.113.7'), true)
    const cleanUp = await removeEndedCounters(context.db, repository, clock)
    assert.deepEqual(cleanUp, { ran: true, result: 1 }, 'the window begun at 9:00 has ended')
    assert.equal(await hourly.isLimited('203.0.113.7'), true, 'the hourly window, begun at 10:00, still counts')
  })

  it('counts and reads several limits together, each key on its own counter', async () => {
    const perSession = createRateLimiter(repository, { name: 'test:session', limit: 1, windowMs: 60 * MINUTE }, () => {
      return clock
    })
    const perIp = createRateLimiter(repository, { name: 'test:ip', limit: 2, windowMs: 60 * MINUTE }, () => clock)
    const limits = [
      [perSession, 'session-1'],
      [perIp, '192.0.2.9'],
    ] as const
    assert.deepEqual(await limitsUsedUp(repository, limits), [], 'nothing counted yet')
    assert.deepEqual(await hitLimits(repository, limits), [], 'one each: within both limits')
    assert.deepEqual(await limitsUsedUp(repository, limits), [perSession], 'the session has used its one')
    assert.deepEqual(await hitLimits(repository, limits), [perSession], 'a second goes over the session limit only')
    assert.equal(await perIp.isLimited('192.0.2.9'), true, 'the address has used its two')
    assert.equal(await perIp.isLimited('192.0.2.10'), false)
  })

  it('refuses a limit over a window longer than the clean-up keeps', () => {
    assert.throws(
      () => createRateLimiter(repository, { name: 'test:daily', limit: 2, windowMs: 24 * 60 * MINUTE }, () => clock),
      /longer than LONGEST_WINDOW_MS/,
    )
  })
})
