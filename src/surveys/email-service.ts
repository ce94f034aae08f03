import crypto from 'node:crypto'
import type { Mailer, OutgoingMessage } from '../mail/mailer'
import type { RateLimiter } from '../rate-limit/service'
import type { Requester } from './response-limits'
import { type AnswersCopy, answersCopyMessage, type ResumeLink, resumeLinkMessage } from './emails'

/** Who asked for an email: the counters are kept per session and per IP address, never per recipient. */
export type EmailRequester = Requester

export type EmailOutcome =
  | { sent: true }
  | { sent: false; reason: 'rate-limited' | 'not-configured' }
  | { sent: false; reason: 'failed'; code: string }

export interface SurveyEmailDeps {
  mailer: Mailer | null
  siteName: string
  sessionLimiter: RateLimiter
  ipLimiter: RateLimiter
}

const hashed = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

/**
 * Emails a resident their answers or their resume link. The address is used for this one message and
 * is not stored, logged or put in the session.
 */
export function createSurveyEmailService({ mailer, siteName, sessionLimiter, ipLimiter }: SurveyEmailDeps) {
  async function send(requester: EmailRequester, message: OutgoingMessage): Promise<EmailOutcome> {
    if (!mailer) return { sent: false, reason: 'not-configured' }
    const sessionOver = await sessionLimiter.hit(hashed(requester.sessionId))
    const ipOver = await ipLimiter.hit(requester.ip)
    if (sessionOver || ipOver) return { sent: false, reason: 'rate-limited' }
    try {
      await mailer.send(message)
      return { sent: true }
    } catch (err) {
      // Only the error code: a server's message may quote the address.
      const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'unknown'
      return { sent: false, reason: 'failed', code }
    }
  }

  return {
    /** False when no SMTP server is configured: the pages then offer no email at all. */
    enabled: mailer !== null,

    sendAnswersCopy(requester: EmailRequester, to: string, copy: Omit<AnswersCopy, 'siteName'>): Promise<EmailOutcome> {
      return send(requester, answersCopyMessage(to, { ...copy, siteName }))
    },

    sendResumeLink(requester: EmailRequester, to: string, link: Omit<ResumeLink, 'siteName'>): Promise<EmailOutcome> {
      return send(requester, resumeLinkMessage(to, { ...link, siteName }))
    },
  }
}

export type SurveyEmailService = ReturnType<typeof createSurveyEmailService>
