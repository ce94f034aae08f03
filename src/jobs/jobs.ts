import type { Services } from '../services'
import type { Job } from './scheduler'

const HOUR = 60 * 60 * 1000

/**
 * The jobs the server runs: every quarter hour, the deletion of expired sessions; each hour, the purge of
 * personal data past its consultation's retention period.
 */
export function scheduledJobs({ purgeService, sessionService }: Services): Job[] {
  return [
    {
      name: 'delete-expired-sessions',
      everyMs: HOUR / 4,
      async run() {
        const run = await sessionService.removeExpired()
        return run.ran ? { sessionsDeleted: run.result } : { skipped: 'another instance is running it' }
      },
    },
    {
      name: 'purge-personal-data',
      everyMs: HOUR,
      async run() {
        const run = await purgeService.runPurge()
        if (!run.ran) return { skipped: 'another instance is running it' }
        return {
          consultations: run.purged.length,
          answersDeleted: run.purged.reduce((sum, counts) => sum + counts.answersDeleted, 0),
        }
      },
    },
  ]
}
