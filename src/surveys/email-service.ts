import crypto from 'node:crypto'
import type { Knex } from 'knex'
import type { Mailer, OutgoingMessage } from '../mail/mailer'
import type { OutboxService } from '../notifications/outbox-service'
import type { RateLimiter } from '../rate-limit/service'
import type { Requester } from './response-limits'
import { formatLondonDateTime } from '../shared/dates'
import { type AnswersCopy, answersCopyMessage } from './emails'

/** Who asked for an email: the counters are kept per session and per IP address, never per recipient. */
export type EmailRequester = Requester

export type EmailOutcome =
  | { sent: true }
  | { sent: false; reason: 'rate-limited' | 'not-configured' }
  | { sent: false; reason: 'failed'; code: string }

export interface SurveyEmailDeps {
  db: Knex
  outbox: OutboxService
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
export function createSurveyEmailService(deps: SurveyEmailDeps) {
  const { db, outbox, mailer, siteName, sessionLimiter, ipLimiter } = deps
  async function overLimit(requester: EmailRequester): Promise<boolean> {
    const sessionOver = await sessionLimiter.hit(hashed(requester.sessionId))
    const ipOver = await ipLimiter.hit(requester.ip)
    return sessionOver || ipOver
  }

  async function send(requester: EmailRequester, message: OutgoingMessage): Promise<EmailOutcome> {
    if (!mailer) return { sent: false, reason: 'not-configured' }
    if (await overLimit(requester)) return { sent: false, reason: 'rate-limited' }
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

    /** False when the outbox cannot send: the saved page then offers no email. */
    resumeEnabled: outbox.enabled,

    /** Queues the link (`sent` then means queued); the outbox forgets the address and the link once it is sent. */
    async sendResumeLink(
      requester: EmailRequester,
      to: string,
      link: { consultationTitle: string; resumeUrl: string; expiresAt: Date },
    ): Promise<EmailOutcome> {
      if (!outbox.enabled) return { sent: false, reason: 'not-configured' }
      if (await overLimit(requester)) return { sent: false, reason: 'rate-limited' }
      await db.transaction((trx) =>
        outbox.enqueue(trx, {
          kind: 'resume-link',
          dedupeKey: `resume-link:${crypto.randomUUID()}`,
          recipient: to,
          personalisation: {
            council_name: siteName,
            consultation_title: link.consultationTitle,
            resume_url: link.resumeUrl,
            expires: formatLondonDateTime(link.expiresAt),
          },
        }),
      )
      return { sent: true }
    },
  }
}

export type SurveyEmailService = ReturnType<typeof createSurveyEmailService>
