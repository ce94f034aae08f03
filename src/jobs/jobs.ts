import type { Services } from '../services'
import type { Job } from './scheduler'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

const SKIPPED = { skipped: 'another instance is running it' }

/**
 * The jobs the server runs, each on one instance at a time: every quarter hour, the deletion of expired
 * sessions, of rate-limit counters whose window has ended and of save-and-return drafts whose consultation has
 * closed; each hour, the purge of personal data
 * past its consultation's retention period, and of alerts not confirmed within 7 days; every quarter hour,
 * the emails to consultations' owners (opened, closed, feedback due, yesterday's responses) and residents'
 * reminders 3 days before a consultation closes; every minute, the owners' emails for the first response and
 * every 100th. Every tick, on every
 * instance, the sending of the outbox's emails (instances share them, each claiming its own).
 */
export function scheduledJobs({
  alertService,
  officerNotificationService,
  outboxService,
  purgeService,
  reminderService,
  removeEndedRateLimits,
  sessionService,
  surveyService,
}: Services): Job[] {
  return [
    {
      // Every tick; instances share the work, each claiming its own jobs.
      name: 'send-emails',
      everyMs: 0,
      run: () => outboxService.sendDue(),
    },
    {
      name: 'delete-expired-sessions',
      everyMs: HOUR / 4,
      async run() {
        const run = await sessionService.removeExpired()
        return run.ran ? { sessionsDeleted: run.result } : SKIPPED
      },
    },
    {
      name: 'delete-ended-rate-limit-counters',
      everyMs: HOUR / 4,
      async run() {
        const run = await removeEndedRateLimits()
        return run.ran ? { countersDeleted: run.result } : SKIPPED
      },
    },
    {
      name: 'delete-expired-drafts',
      everyMs: HOUR / 4,
      async run() {
        const run = await surveyService.removeExpiredDrafts()
        return run.ran ? { draftsDeleted: run.result } : SKIPPED
      },
    },
    {
      name: 'queue-weekly-alerts',
      everyMs: HOUR,
      async run() {
        return { digestsQueued: await alertService.enqueueWeeklyDigests() }
      },
    },
    {
      name: 'queue-officer-emails',
      everyMs: HOUR / 4,
      async run() {
        const run = await officerNotificationService.enqueueDue()
        return run.ran ? run.result : SKIPPED
      },
    },
    {
      name: 'queue-milestone-emails',
      everyMs: MINUTE,
      async run() {
        const run = await officerNotificationService.enqueueMilestones()
        return run.ran ? run.result : SKIPPED
      },
    },
    {
      name: 'queue-closing-reminders',
      everyMs: HOUR / 4,
      async run() {
        const run = await reminderService.enqueueDue()
        return run.ran ? run.result : SKIPPED
      },
    },
    {
      name: 'delete-unconfirmed-alerts',
      everyMs: HOUR,
      async run() {
        return { alertsDeleted: await alertService.removeUnconfirmed() }
      },
    },
    {
      name: 'purge-personal-data',
      everyMs: HOUR,
      async run() {
        const run = await purgeService.runPurge()
        if (!run.ran) return SKIPPED
        return {
          consultations: run.purged.length,
          answersDeleted: run.purged.reduce((sum, counts) => sum + counts.answersDeleted, 0),
        }
      },
    },
  ]
}
