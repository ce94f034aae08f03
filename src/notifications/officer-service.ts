import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import { COUNCIL_TIME_ZONE, formatLondonDate, formatLondonDateTime } from '../shared/dates'
import type { OfficerEmailKind } from './officer-messages'
import {
  CLOCK_NOTICES,
  type ClockNotice,
  MILESTONE_STEP,
  type OfficerRepository,
  type Owner,
} from './officer-repository'
import type { EmailSite } from './outcome-service'
import type { OutboxService } from './outbox-service'

export interface OfficerNotificationDeps {
  db: Knex
  officers: OfficerRepository
  outbox: OutboxService
  site: EmailSite
  now: () => Date
}

/** After the milestone `told`, the next one and how many responses after `told` reach it. */
export function nextMilestone(told: number): { milestone: number; after: number } {
  if (told === 0) return { milestone: 1, after: 1 }
  if (told === 1) return { milestone: MILESTONE_STEP, after: MILESTONE_STEP - 1 }
  return { milestone: told + MILESTONE_STEP, after: MILESTONE_STEP }
}

/**
 * Emails to a consultation's owner, through the outbox: when it opens and closes and when its feedback falls due
 * (queued by a scheduled job, once each), at response milestones (queued in the response's transaction) and a
 * daily summary of the day before's responses.
 */
export function createOfficerNotificationService({ db, officers, outbox, site, now }: OfficerNotificationDeps) {
  const adminUrl = (path: string) => `${site.baseUrl}/admin${path}`
  const enqueue = (
    trx: Knex,
    kind: OfficerEmailKind,
    dedupeKey: string,
    owner: Owner,
    fields: Record<string, string>,
  ) =>
    outbox.enqueue(trx, {
      kind,
      dedupeKey,
      recipient: owner.email,
      personalisation: {
        council_name: site.councilName,
        preferences_url: adminUrl('/account/notifications'),
        consultation_title: '',
        ...fields,
      },
    })

  async function tellDue(trx: Knex, notice: ClockNotice, at: Date): Promise<number> {
    let queued = 0
    for (const due of await officers.due(trx, notice, at)) {
      if (!(await officers.markTold(trx, due.consultationId, notice)) || !due.owner) continue
      const base = `/consultations/${due.consultationId}`
      const fields: Record<string, string> =
        notice === 'feedback-due'
          ? { due_date: formatLondonDate(due.at), admin_url: adminUrl(`${base}/feedback`) }
          : { opened_or_closed: notice, date: formatLondonDateTime(due.at), admin_url: adminUrl(base) }
      const email = CLOCK_NOTICES[notice].email
      await enqueue(trx, email, `${notice}:${due.consultationId}`, due.owner, {
        consultation_title: due.title,
        ...fields,
      })
      queued += 1
    }
    return queued
  }

  /** Every milestone the consultation's responses have passed since the last one told; gives the emails queued. */
  async function tellMilestones(trx: Knex, consultationId: number): Promise<number> {
    let queued = 0
    for (;;) {
      const tally = await officers.responseTally(trx, consultationId)
      if (!tally) return queued
      const { milestone, after } = nextMilestone(tally.told)
      if (tally.since < after) return queued
      // Kept up to date with or without an owner, so an owner chosen later hears of the next one, not the first.
      if (!(await officers.advanceMilestone(trx, consultationId, milestone, after))) return queued
      if (!tally.owner) continue
      await enqueue(trx, 'officer-milestone', `milestone:${consultationId}:${milestone}`, tally.owner, {
        consultation_title: tally.title,
        response_count: String(milestone),
        admin_url: adminUrl(`/consultations/${consultationId}/responses`),
      })
      queued += 1
    }
  }

  /** Yesterday's responses (London days), one email per owner who had any. */
  async function tellDailySummaries(trx: Knex, at: Date): Promise<number> {
    const today = DateTime.fromJSDate(at).setZone(COUNCIL_TIME_ZONE).startOf('day')
    const yesterday = today.minus({ days: 1 })
    const counts = await officers.dailyCounts(trx, yesterday.toJSDate(), today.toJSDate())
    const owners = new Map<number, typeof counts>()
    for (const count of counts) owners.set(count.ownerId, [...(owners.get(count.ownerId) ?? []), count])
    for (const [ownerId, lines] of owners) {
      const owner = { ownerId, email: lines[0]?.email ?? '' }
      await enqueue(trx, 'officer-daily-summary', `daily-summary:${ownerId}:${yesterday.toISODate()}`, owner, {
        day: formatLondonDate(yesterday.toJSDate()),
        consultations: lines
          .map((line) => `* ${line.title}: ${line.count} new ${line.count === 1 ? 'response' : 'responses'}`)
          .join('\n'),
        admin_url: adminUrl(''),
      })
    }
    return owners.size
  }

  return {
    /** The scheduled job: on one instance at a time; each notice is also remembered, so none is sent twice. */
    enqueueDue: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.officerEmails, async (trx) => {
        const at = now()
        return {
          opened: await tellDue(trx, 'opened', at),
          closed: await tellDue(trx, 'closed', at),
          feedbackDue: await tellDue(trx, 'feedback-due', at),
          dailySummaries: await tellDailySummaries(trx, at),
        }
      }),

    /**
     * The scheduled job, every minute, on one instance at a time: the owner hears of the first response and of
     * every 100th, online or paper, whatever the number of responses since the last run.
     */
    enqueueMilestones: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.officerMilestones, async (trx) => {
        let queued = 0
        for (const consultationId of await officers.respondedSinceMilestone(trx))
          queued += await tellMilestones(trx, consultationId)
        return { milestones: queued }
      }),

    optedOut: (userId: number) => officers.optedOut(userId),
    setOptedOut: (userId: number, kinds: readonly OfficerEmailKind[]) => officers.replaceOptOuts(userId, kinds),
  }
}

export type OfficerNotificationService = ReturnType<typeof createOfficerNotificationService>
