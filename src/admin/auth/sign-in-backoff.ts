import type { BackoffRepository } from '../../rate-limit/backoff-repository'
import { type Attempt, type BackoffLimiter, type BackoffRule, createBackoffLimiter } from '../../rate-limit/backoff'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

/**
 * Failed sign-ins slow the guesser rather than lock the officer out. Each (account, IP) pair and
 * each IP may try a few times, then must wait 1 minute, 2, 4 and so on. Each account also has a
 * high ceiling, whatever the address, against guessing spread over many addresses.
 */
export const SIGN_IN_BACKOFF_RULES = {
  pair: { name: 'sign-in:pair', free: 5, baseMs: MINUTE, maxMs: HOUR, windowMs: 24 * HOUR },
  ip: { name: 'sign-in:ip', free: 50, baseMs: MINUTE, maxMs: 15 * MINUTE, windowMs: HOUR },
  account: { name: 'sign-in:account', free: 100, baseMs: 15 * MINUTE, maxMs: 15 * MINUTE, windowMs: HOUR },
} satisfies Record<string, BackoffRule>

export interface SignInBackoff {
  /** Counts the attempt on its pair, then its IP, then its account, before the password is checked. */
  take(account: string, ip: string): Promise<Attempt>
  /** After the right password: the pair starts afresh, and the success costs the IP and account nothing. */
  succeeded(account: string, ip: string): Promise<void>
}

export function createSignInBackoff(repository: BackoffRepository, now: () => Date): SignInBackoff {
  const limiter = (rule: BackoffRule): BackoffLimiter => createBackoffLimiter(repository, rule, now)
  const pair = limiter(SIGN_IN_BACKOFF_RULES.pair)
  const ip = limiter(SIGN_IN_BACKOFF_RULES.ip)
  const account = limiter(SIGN_IN_BACKOFF_RULES.account)
  const pairKey = (email: string, address: string) => `${email}\n${address}`
  return {
    async take(email, address) {
      for (const [gate, key] of [
        [pair, pairKey(email, address)],
        [ip, address],
        [account, email],
      ] as const) {
        const attempt = await gate.take(key)
        if (!attempt.allowed) return attempt
      }
      return { allowed: true }
    },
    async succeeded(email, address) {
      await pair.clear(pairKey(email, address))
      await ip.refund(address)
      await account.refund(email)
    },
  }
}
