import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import type { CountedLimits, Counter, RateLimitRepository } from './repository'

/** No limit counts over a longer window, so a counter whose window began longer ago than this counts no more. */
export const LONGEST_WINDOW_MS = 60 * 60 * 1000

export interface RateLimitRule {
  /** Names the counter family, e.g. "sign-in:account". */
  name: string
  limit: number
  windowMs: number
}

export interface RateLimiter {
  /** True when the key has used up its allowance in the current window. */
  isLimited(key: string): Promise<boolean>
  /** Counts one more hit; true when that hit went over the limit. */
  hit(key: string): Promise<boolean>
  reset(key: string): Promise<void>
  /** Seconds until the current window ends and every counter starts again. */
  retryAfterSeconds(): number
  /** The counter `key` counts on now, for limits counted together (limitsUsedUp, hitLimits). */
  counterOf(key: string): Counter
  readonly limit: number
}

/** A limit and the key one request counts on it. */
export type KeyedLimit = readonly [RateLimiter, string]

const countersOf = (limits: readonly KeyedLimit[]) => limits.map(([limiter, key]) => limiter.counterOf(key))

/** Of the limits, those whose keys have used up their allowance: one statement for them all. */
export async function limitsUsedUp(repository: RateLimitRepository, limits: readonly KeyedLimit[]) {
  const counts = await repository.count(countersOf(limits))
  return limits.filter(([limiter], index) => (counts[index] ?? 0) >= limiter.limit).map(([limiter]) => limiter)
}

/** Counts one hit on each limit's key, in one statement; gives the limits that hit took over. */
export async function hitLimits(repository: RateLimitRepository, limits: readonly KeyedLimit[]) {
  const counts = await repository.increment(countersOf(limits))
  return limits.filter(([limiter], index) => (counts[index] ?? 0) > limiter.limit).map(([limiter]) => limiter)
}

/** The limits as a statement counts them while it stores what they limit (see COUNT_UNDER_LIMITS). */
export const countedLimitsOf = (limits: readonly KeyedLimit[]): CountedLimits => ({
  counters: countersOf(limits),
  limits: limits.map(([limiter]) => limiter.limit),
})

/** Of the limits, those whose counters are among `keys`. */
export const limitsWithCounters = (limits: readonly KeyedLimit[], keys: readonly string[]) =>
  limits.filter(([limiter, key]) => keys.includes(limiter.counterOf(key).key)).map(([limiter]) => limiter)

/**
 * A fixed-window limiter whose counters live in the database, so the limit holds however many app
 * instances share it. Windows are aligned to multiples of windowMs since the epoch. Counters of ended windows
 * are deleted by a scheduled job (removeEndedCounters), not by the requests being counted.
 */
export function createRateLimiter(repository: RateLimitRepository, rule: RateLimitRule, now: () => Date): RateLimiter {
  if (rule.windowMs > LONGEST_WINDOW_MS) throw new Error(`${rule.name}: a window longer than LONGEST_WINDOW_MS`)
  const windowStart = () => new Date(Math.floor(now().getTime() / rule.windowMs) * rule.windowMs)
  const counterKey = (key: string) => `${rule.name}:${key}`
  const limiter: RateLimiter = {
    limit: rule.limit,
    counterOf: (key) => ({ key: counterKey(key), windowStart: windowStart() }),
    isLimited: async (key) => (await limitsUsedUp(repository, [[limiter, key]])).length > 0,
    hit: async (key) => (await hitLimits(repository, [[limiter, key]])).length > 0,
    async reset(key) {
      await repository.clear(counterKey(key))
    },
    retryAfterSeconds() {
      return Math.ceil((windowStart().getTime() + rule.windowMs - now().getTime()) / 1000)
    },
  }
  return limiter
}

/**
 * Deletes the counters of every limit's ended windows, on one instance at a time; another that finds it
 * running skips this turn.
 */
export const removeEndedCounters = (db: Knex, repository: RateLimitRepository, now: Date) =>
  withAdvisoryLockIfFree(db, ADVISORY_LOCKS.rateLimitCleanup, (trx) =>
    repository.removeBegunBefore(trx, new Date(now.getTime() - LONGEST_WINDOW_MS)),
  )
