import crypto from 'node:crypto'
import type { Knex } from 'knex'
import type { RateLimiter } from '../rate-limit/service'
import { formatLondonDate, formatLondonDateTime } from '../shared/dates'
import { hashToken, randomToken } from '../shared/tokens'
import type { AlertFilter } from './alert-filter'
import type { AlertFrequency, AlertRepository, Subscription } from './alert-repository'
import type { NewEmailJob } from './outbox-repository'
import type { OutboxService } from './outbox-service'
import type { EmailSite } from './outcome-service'

export const CONFIRM_LINK_HOURS = 48
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

export interface AlertDeps {
  db: Knex
  alerts: AlertRepository
  outbox: OutboxService
  site: EmailSite & { secret: string }
  ipLimiter: RateLimiter
  addressLimiter: RateLimiter
  now: () => Date
}

export interface AlertRequest {
  email: string
  filter: AlertFilter
  description: string
  /** The description without the search words: the confirmation goes to an address not yet known to want them. */
  confirmationDescription: string
  frequency: AlertFrequency
}

/**
 * Alerts for new consultations: double opt-in, then one email per matching consultation. The link in every
 * email (manage, unsubscribe) carries a token derived from the subscription's own secret, which is not kept.
 */
export function createAlertService({ db, alerts, outbox, site, ipLimiter, addressLimiter, now }: AlertDeps) {
  const signature = (subscription: Pick<Subscription, 'id' | 'manageSecret'>) =>
    crypto
      .createHmac('sha256', site.secret)
      .update(`alert:${subscription.id}:${subscription.manageSecret}`)
      .digest('base64url')
  const tokenFor = (subscription: Pick<Subscription, 'id' | 'manageSecret'>) =>
    `${subscription.id}.${signature(subscription)}`

  async function subscriptionOf(token: string): Promise<Subscription | null> {
    const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token)
    if (!match) return null
    const subscription = await alerts.find(Number(match[1]))
    if (!subscription?.confirmedAt) return null
    const expected = Buffer.from(signature(subscription))
    return crypto.timingSafeEqual(expected, Buffer.from(match[2] ?? '')) ? subscription : null
  }

  return {
    enabled: outbox.enabled,

    /** Queues the confirmation email. The answer is the same whether or not the address already has alerts. */
    async subscribe(ip: string, request: AlertRequest): Promise<'requested' | 'rate-limited'> {
      const ipOver = await ipLimiter.hit(ip)
      const addressOver = await addressLimiter.hit(hashToken(request.email.toLowerCase()))
      if (ipOver || addressOver) return 'rate-limited'
      const token = randomToken()
      const expiresAt = new Date(now().getTime() + CONFIRM_LINK_HOURS * 60 * 60 * 1000)
      await db.transaction(async (trx) => {
        const id = await alerts.create(trx, {
          ...request,
          confirmTokenHash: hashToken(token),
          confirmExpiresAt: expiresAt,
          manageSecret: randomToken(),
        })
        await outbox.enqueue(trx, {
          kind: 'alert-confirmation',
          dedupeKey: `alert-confirmation:${id}`,
          recipient: request.email,
          personalisation: {
            council_name: site.councilName,
            alert_description: request.confirmationDescription,
            confirm_url: `${site.baseUrl}/alerts/confirm/${token}`,
            expires: formatLondonDateTime(expiresAt),
          },
        })
      })
      return 'requested'
    },

    /** Confirms by the emailed link; gives the token of the "manage my alerts" page, or null. */
    async confirm(token: string): Promise<string | null> {
      const subscription = await alerts.confirm(hashToken(token), now())
      return subscription ? tokenFor(subscription) : null
    },

    /** The alerts of the address that the token's subscription belongs to, each with its own token. */
    async manage(token: string) {
      const subscription = await subscriptionOf(token)
      if (!subscription) return null
      const all = await alerts.listConfirmed(subscription.email)
      return all.map((each) => ({ description: each.description, frequency: each.frequency, token: tokenFor(each) }))
    },

    /** One-click unsubscribe: true once the alert is gone (also when it had already gone). */
    async unsubscribe(token: string): Promise<boolean> {
      const subscription = await subscriptionOf(token)
      if (subscription) await alerts.remove(subscription.id)
      return subscription !== null
    },

    /**
     * Called in the transaction that publishes a consultation: one email per matching immediate alert, queued in
     * a few statements however many alerts there are, so publishing stays quick.
     */
    async enqueueNewConsultation(trx: Knex, consultationId: number): Promise<number> {
      const consultation = await alerts.consultationForAlerts(trx, consultationId)
      if (!consultation?.publishedAt || consultation.alertsEnqueuedAt) return 0
      await alerts.markAlerted(trx, consultationId, now())
      const matching = await alerts.immediateMatching(trx, consultationId, consultation.publishedAt)
      return outbox.enqueueMany(
        trx,
        matching.map((subscription): NewEmailJob => {
          const token = tokenFor(subscription)
          return {
            kind: 'new-consultation',
            dedupeKey: `new-consultation:${consultationId}:${subscription.id}`,
            recipient: subscription.email,
            personalisation: {
              council_name: site.councilName,
              alert_description: subscription.description,
              consultation_title: consultation.title,
              consultation_summary: consultation.summary,
              consultation_url: `${site.baseUrl}/consultations/${consultation.slug}`,
              closes: formatLondonDate(consultation.closesAt),
              manage_url: `${site.baseUrl}/alerts/manage/${token}`,
              unsubscribe_url: `${site.baseUrl}/alerts/unsubscribe/${token}`,
            },
          }
        }),
      )
    },

    /** Unconfirmed alerts are kept for 7 days, then deleted. */
    removeUnconfirmed: () => alerts.removeUnconfirmedBefore(new Date(now().getTime() - WEEK_MS)),

    /**
     * Weekly alerts a week after the last: one email listing the matching consultations, if there were any.
     * A few statements however many alerts are due.
     */
    async enqueueWeeklyDigests(): Promise<number> {
      const at = now()
      return db.transaction(async (trx) => {
        const due = await alerts.weeklyDue(trx, new Date(at.getTime() - WEEK_MS))
        if (due.length === 0) return 0
        await alerts.markDigested(
          trx,
          due.map((subscription) => subscription.id),
          at,
        )
        const found = new Map<number, { slug: string; title: string }[]>()
        for (const { subscriptionId, ...consultation } of await alerts.publishedMatching(trx, due, at)) {
          const list = found.get(subscriptionId) ?? []
          list.push(consultation)
          found.set(subscriptionId, list)
        }
        const jobs = due.flatMap((subscription): NewEmailJob[] => {
          const matching = found.get(subscription.id) ?? []
          if (matching.length === 0) return []
          const token = tokenFor(subscription)
          return [
            {
              kind: 'weekly-digest',
              dedupeKey: `weekly-digest:${subscription.id}:${at.toISOString()}`,
              recipient: subscription.email,
              personalisation: {
                council_name: site.councilName,
                alert_description: subscription.description,
                consultations: matching.map((c) => `* ${c.title}: ${site.baseUrl}/consultations/${c.slug}`).join('\n'),
                consultations_url: `${site.baseUrl}/consultations`,
                manage_url: `${site.baseUrl}/alerts/manage/${token}`,
                unsubscribe_url: `${site.baseUrl}/alerts/unsubscribe/${token}`,
              },
            },
          ]
        })
        return outbox.enqueueMany(trx, jobs)
      })
    },
  }
}

export type AlertService = ReturnType<typeof createAlertService>
