import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import { formatLondonDateTime } from '../shared/dates'
import { hashToken } from '../shared/tokens'
import type { EmailSite } from './outcome-service'
import type { OutboxService } from './outbox-service'
import type { ReminderRepository } from './reminder-repository'

/** How long before a consultation closes its reminders go out. */
export const REMINDER_BEFORE_CLOSING_MS = 3 * 24 * 60 * 60 * 1000

export interface ReminderDeps {
  db: Knex
  reminders: ReminderRepository
  outbox: OutboxService
  site: EmailSite
  now: () => Date
}

/**
 * "Remind me a few days before it closes", asked for with a saved draft's emailed link: one email through the
 * outbox 3 days before closing. The address is deleted when the email is queued (and the outbox forgets it once
 * sent), when the draft is sent or deleted, or when the consultation closes.
 */
export function createReminderService({ db, reminders, outbox, site, now }: ReminderDeps) {
  return {
    /** Offered only while the reminder is still ahead, and when the outbox can send it. */
    offered: (closesAt: Date) => outbox.enabled && closesAt.getTime() - REMINDER_BEFORE_CLOSING_MS > now().getTime(),

    request: (consultationId: number, token: string, email: string) =>
      reminders.add(consultationId, hashToken(token), email, now()),

    /** The scheduled job, on one instance at a time. */
    enqueueDue: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.closingReminders, async (trx) => {
        const at = now()
        const due = await reminders.takeDue(trx, at, new Date(at.getTime() + REMINDER_BEFORE_CLOSING_MS))
        for (const reminder of due) {
          await outbox.enqueue(trx, {
            kind: 'closing-reminder',
            dedupeKey: `closing-reminder:${reminder.id}`,
            recipient: reminder.email,
            personalisation: {
              council_name: site.councilName,
              consultation_title: reminder.title,
              closes: formatLondonDateTime(reminder.closesAt),
              survey_url: `${site.baseUrl}/consultations/${reminder.slug}/survey`,
            },
          })
        }
        return { remindersQueued: due.length, remindersDeleted: await reminders.deleteClosed(trx, at) }
      }),
  }
}

export type ReminderService = ReturnType<typeof createReminderService>
