import type { Knex } from 'knex'
import { keptWith } from '../page-cache/kept-reads'
import type { RateLimiter } from '../rate-limit/service'
import { hashToken } from '../shared/tokens'
import type { OutboxService } from './outbox-service'
import type { OutcomeRepository } from './outcome-repository'

export interface EmailSite {
  baseUrl: string
  councilName: string
}

export interface OutcomeDeps {
  outcomes: OutcomeRepository
  outbox: OutboxService
  site: EmailSite
  ipLimiter: RateLimiter
  addressLimiter: RateLimiter
}

/**
 * "Tell me the outcome": an address left on the confirmation page, kept until the consultation's feedback or
 * results are published, when its one email is queued and the address deleted.
 */
export function createOutcomeService({ outcomes, outbox, site, ipLimiter, addressLimiter }: OutcomeDeps) {
  return {
    enabled: outbox.enabled,

    /**
     * What of the consultation's outcome is already public ('feedback', 'results'), or null: then the email is
     * offered. Kept with a consultation read with its kept survey, which is replaced when either could change.
     */
    publishedOutcome: keptWith((consultation: { id: number }) => outcomes.publishedOutcome(consultation.id)),

    /** The same, read afresh: for an outcome published while the request was handled. */
    publishedOutcomeNow: (consultationId: number) => outcomes.publishedOutcome(consultationId),

    /**
     * Keeps the address; the same answer whether or not it was already kept. Once the outcome is published no
     * address is kept: its email would never be sent.
     */
    async request(
      ip: string,
      consultationId: number,
      email: string,
    ): Promise<'requested' | 'rate-limited' | 'already-published'> {
      if (await outcomes.publishedOutcome(consultationId)) return 'already-published'
      const ipOver = await ipLimiter.hit(ip)
      const addressOver = await addressLimiter.hit(hashToken(email.toLowerCase()))
      if (ipOver || addressOver) return 'rate-limited'
      return (await outcomes.add(consultationId, email)) ? 'requested' : 'already-published'
    },

    /** Called in the transaction that publishes the outcome; gives how many emails were queued. */
    async enqueueFor(trx: Knex, consultationId: number): Promise<number> {
      const requests = await outcomes.take(trx, consultationId)
      for (const request of requests) {
        await outbox.enqueue(trx, {
          kind: 'outcome',
          dedupeKey: `outcome:${consultationId}:${request.id}`,
          recipient: request.email,
          personalisation: {
            council_name: site.councilName,
            consultation_title: request.consultationTitle,
            outcome_url: `${site.baseUrl}/consultations/${request.consultationSlug}`,
          },
        })
      }
      return requests.length
    },
  }
}

export type OutcomeService = ReturnType<typeof createOutcomeService>
