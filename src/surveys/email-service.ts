import crypto from 'node:crypto'
import type { Knex } from 'knex'
import type { NewEmailJob } from '../notifications/outbox-repository'
import type { OutboxService } from '../notifications/outbox-service'
import type { RateLimiter } from '../rate-limit/service'
import { formatLondonDateTime } from '../shared/dates'
import type { Requester } from './response-limits'

/** Who asked for an email: the counters are kept per session and per IP address, never per recipient. */
export type EmailRequester = Requester

/** `queued`: the outbox worker sends it on its next run. */
export type EmailOutcome = 'queued' | 'rate-limited' | 'not-configured'

export interface SurveyEmailDeps {
  db: Knex
  outbox: OutboxService
  councilName: string
  sessionLimiter: RateLimiter
  ipLimiter: RateLimiter
}

const hashed = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

/**
 * Queues a resident's copy of their answers or their resume link in the outbox, which forgets the address
 * and the link once sent. The answers are never in the job: they are read from the response when it is sent.
 */
export function createSurveyEmailService({ db, outbox, councilName, sessionLimiter, ipLimiter }: SurveyEmailDeps) {
  async function queue(requester: EmailRequester, job: Omit<NewEmailJob, 'dedupeKey'>): Promise<EmailOutcome> {
    if (!outbox.enabled) return 'not-configured'
    const sessionOver = await sessionLimiter.hit(hashed(requester.sessionId))
    const ipOver = await ipLimiter.hit(requester.ip)
    if (sessionOver || ipOver) return 'rate-limited'
    const dedupeKey = `${job.kind}:${crypto.randomUUID()}`
    await db.transaction((trx) => outbox.enqueue(trx, { ...job, dedupeKey }))
    return 'queued'
  }

  return {
    /** False when the outbox cannot send: the pages then offer no email at all. */
    enabled: outbox.enabled,

    sendAnswersCopy: (requester: EmailRequester, to: string, reference: string) =>
      queue(requester, {
        kind: 'answers-copy',
        recipient: to,
        personalisation: { council_name: councilName, reference },
      }),

    sendResumeLink: (
      requester: EmailRequester,
      to: string,
      link: { consultationTitle: string; resumeUrl: string; expiresAt: Date },
    ) =>
      queue(requester, {
        kind: 'resume-link',
        recipient: to,
        personalisation: {
          council_name: councilName,
          consultation_title: link.consultationTitle,
          resume_url: link.resumeUrl,
          expires: formatLondonDateTime(link.expiresAt),
        },
      }),
  }
}

export type SurveyEmailService = ReturnType<typeof createSurveyEmailService>
