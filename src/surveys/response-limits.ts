import crypto from 'node:crypto'
import type { CountedLimits, RateLimitRepository } from '../rate-limit/repository'
import {
  countedLimitsOf,
  createRateLimiter,
  hitLimits,
  limitsWithCounters,
  type RateLimiter,
  type RateLimitRule,
} from '../rate-limit/service'

/** Who is sending: counters are kept per session and per IP address (as the proxy set in TRUST_PROXY reports it). */
export interface Requester {
  sessionId: string
  ip: string
}

export const HOUR_MS = 60 * 60 * 1000

/**
 * Per session, 10 responses an hour is more than one person answers: one response each to several
 * consultations. Per IP address the limit must let a library, council office or school, where everyone
 * shares one address, take part at a drop-in event: 300 an hour is a response every 12 seconds, far above
 * a room of people each spending minutes on a survey, yet it stops one machine sending thousands.
 * Saving a draft writes a row too, so saves have limits of their own: a resident saves now and then.
 */
export const RESPONSE_LIMITS = {
  submissionPerSession: { name: 'survey-submit:session', limit: 10, windowMs: HOUR_MS },
  submissionPerIp: { name: 'survey-submit:ip', limit: 300, windowMs: HOUR_MS },
  draftSavePerSession: { name: 'survey-save:session', limit: 30, windowMs: HOUR_MS },
  draftSavePerIp: { name: 'survey-save:ip', limit: 300, windowMs: HOUR_MS },
} as const

/** Allowed, or refused with the seconds until the fullest counter's window ends. */
export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Limits counted by the statement that stores what they limit, and the refusal when some counters were full. */
export interface SubmissionLimits {
  counted: CountedLimits
  refusal: (overKeys: readonly string[]) => LimitOutcome
}

const hashed = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

/** A response's limits, per session and per address, each read and counted together in one statement. */
export function createResponseLimits(repository: RateLimitRepository, now: () => Date) {
  const limiterFor = (rule: RateLimitRule) => createRateLimiter(repository, rule, now)
  const limiters = {
    submissionPerSession: limiterFor(RESPONSE_LIMITS.submissionPerSession),
    submissionPerIp: limiterFor(RESPONSE_LIMITS.submissionPerIp),
    draftSavePerSession: limiterFor(RESPONSE_LIMITS.draftSavePerSession),
    draftSavePerIp: limiterFor(RESPONSE_LIMITS.draftSavePerIp),
  }
  /** The limits a requester counts on: per session (kept hashed) and per address. */
  const limitsOf = (requester: Requester, perSession: RateLimiter, perIp: RateLimiter) =>
    [
      [perSession, hashed(requester.sessionId)],
      [perIp, requester.ip],
    ] as const
  const submissionLimits = (requester: Requester) =>
    limitsOf(requester, limiters.submissionPerSession, limiters.submissionPerIp)
  const refusal = (over: RateLimiter[]): LimitOutcome =>
    over.length === 0
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(...over.map((limiter) => limiter.retryAfterSeconds())) }

  return {
    /**
     * A new response's limits, per session and per address, to count in the statement that stores it
     * (responses.insertCounted), and the refusal for the counters that were full. Only new responses are
     * counted, so a replayed final POST is never refused, and two sent at once cannot both take the last place.
     */
    submissionLimits(requester: Requester): SubmissionLimits {
      const limits = submissionLimits(requester)
      return {
        counted: countedLimitsOf(limits),
        refusal: (overKeys) => refusal(limitsWithCounters(limits, overKeys)),
      }
    },

    /** Counts a draft save and says whether it may go ahead. */
    async hitDraftSave(requester: Requester): Promise<LimitOutcome> {
      const limits = limitsOf(requester, limiters.draftSavePerSession, limiters.draftSavePerIp)
      return refusal(await hitLimits(repository, limits))
    },
  }
}

export type ResponseLimits = ReturnType<typeof createResponseLimits>
