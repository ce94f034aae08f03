import { hashToken } from '../shared/tokens'
import type { BackoffRepository, BackoffRule } from './backoff-repository'

export type { BackoffRule }

export type Attempt = { allowed: true } | { allowed: false; retryAt: Date }

export interface BackoffLimiter {
  /** Counts an attempt before it is made; while the key is backed off it is refused and nothing is counted. */
  take(key: string): Promise<Attempt>
  /** Gives back an attempt that succeeded, so successes never slow anyone. */
  refund(key: string): Promise<void>
  clear(key: string): Promise<void>
}

/** The wait after a key's nth attempt in its window: none within the free allowance, then doubling. */
export const waitAfter = (rule: BackoffRule, attempts: number): number =>
  attempts < rule.free ? 0 : Math.min(rule.maxMs, rule.baseMs * 2 ** (attempts - rule.free))

/**
 * Exponential back-off whose state lives in the database, so it holds across instances. Keys are
 * stored hashed: the table never holds an email or IP address.
 */
export function createBackoffLimiter(
  repository: BackoffRepository,
  rule: BackoffRule,
  now: () => Date,
): BackoffLimiter {
  const storedKey = (key: string) => `${rule.name}:${hashToken(key)}`
  return {
    async take(key) {
      const at = now()
      const stored = storedKey(key)
      const attempts = await repository.take(rule, stored, at, new Date(at.getTime() + waitAfter(rule, 1)))
      if (attempts !== null) {
        if (attempts === 1) await repository.deleteExpired(rule, at)
        return { allowed: true }
      }
      const retryAt = (await repository.nextAllowedAt(stored)) ?? at
      return { allowed: false, retryAt }
    },
    refund: (key) => repository.refund(rule, storedKey(key), now()),
    clear: (key) => repository.clear(storedKey(key)),
  }
}
