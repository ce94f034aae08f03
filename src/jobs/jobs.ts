import type { Services } from '../services'
import type { Job } from './scheduler'

const HOUR = 60 * 60 * 1000

/** The jobs the server runs: each hour, the purge of personal data past its consultation's retention period. */
export function scheduledJobs({ purgeService }: Services): Job[] {
  return [
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
