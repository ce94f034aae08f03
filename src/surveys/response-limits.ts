import crypto from 'node:crypto'
import type { RateLimiter, RateLimitRule } from '../rate-limit/service'

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

const hashed = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

export function createResponseLimits(limiterFor: (rule: RateLimitRule) => RateLimiter) {
  const limiters = {
    submissionPerSession: limiterFor(RESPONSE_LIMITS.submissionPerSession),
    submissionPerIp: limiterFor(RESPONSE_LIMITS.submissionPerIp),
    draftSavePerSession: limiterFor(RESPONSE_LIMITS.draftSavePerSession),
    draftSavePerIp: limiterFor(RESPONSE_LIMITS.draftSavePerIp),
  }
  const keyed = (requester: Requester) => ({ session: hashed(requester.sessionId), ip: requester.ip })
  const refusal = (over: RateLimiter[]): LimitOutcome =>
    over.length === 0
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(...over.map((limiter) => limiter.retryAfterSeconds())) }

  return {
    /**
     * Whether the session and address may send a response. Only new responses are counted (by
     * countSubmission), so a replayed final POST is never refused.
     */
    async checkSubmission(requester: Requester): Promise<LimitOutcome> {
      const { session, ip } = keyed(requester)
      const pairs = [
        [limiters.submissionPerSession, session],
        [limiters.submissionPerIp, ip],
      ] as const
      const limited = await Promise.all(pairs.map(([limiter, key]) => limiter.isLimited(key)))
      return refusal(pairs.filter((_, index) => limited[index]).map(([limiter]) => limiter))
    },

    async countSubmission(requester: Requester): Promise<void> {
      const { session, ip } = keyed(requester)
      await limiters.submissionPerSession.hit(session)
      await limiters.submissionPerIp.hit(ip)
    },

    /** Counts a draft save and says whether it may go ahead. */
    async hitDraftSave(requester: Requester): Promise<LimitOutcome> {
      const { session, ip } = keyed(requester)
      const sessionOver = await limiters.draftSavePerSession.hit(session)
      const ipOver = await limiters.draftSavePerIp.hit(ip)
      return refusal([
        ...(sessionOver ? [limiters.draftSavePerSession] : []),
        ...(ipOver ? [limiters.draftSavePerIp] : []),
      ])
    },
  }
}

export type ResponseLimits = ReturnType<typeof createResponseLimits>
