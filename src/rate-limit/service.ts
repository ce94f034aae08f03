import type { RateLimitRepository } from './repository'

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
}

/**
 * A fixed-window limiter whose counters live in the database, so the limit holds however many app
 * instances share it. Windows are aligned to multiples of windowMs since the epoch.
 */
export function createRateLimiter(repository: RateLimitRepository, rule: RateLimitRule, now: () => Date): RateLimiter {
  const windowStart = () => new Date(Math.floor(now().getTime() / rule.windowMs) * rule.windowMs)
  const counterKey = (key: string) => `${rule.name}:${key}`
  return {
    async isLimited(key) {
      return (await repository.count(counterKey(key), windowStart())) >= rule.limit
    },
    async hit(key) {
      const count = await repository.increment(counterKey(key), windowStart())
      if (count === 1) await repository.deleteOlderThan(rule.name, new Date(windowStart().getTime() - rule.windowMs))
      return count > rule.limit
    },
    async reset(key) {
      await repository.clear(counterKey(key))
    },
    retryAfterSeconds() {
      return Math.ceil((windowStart().getTime() + rule.windowMs - now().getTime()) / 1000)
    },
  }
}
