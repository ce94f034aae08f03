import { addLondonDays, startOfLondonDay } from '../../shared/dates'
import type { DashboardConsultation, DashboardRepository } from './repository'

/** One line of work: a consultation, how many things wait, and the page where an officer does them. */
export interface WorkLine {
  consultation: DashboardConsultation
  count: number
  href: string
}

export interface DashboardServiceDeps {
  dashboard: DashboardRepository
  now: () => Date
  /**
   * Responses waiting for moderation, one line per consultation, for the published-responses feature to
   * supply; none until it does.
   */
  moderationLines?: () => Promise<WorkLine[]>
}

export const CLOSING_SOON_DAYS = 14

/** The officers' dashboard on the admin home page: the work to do, across every consultation. */
const noLines = (): Promise<WorkLine[]> => Promise.resolve([])

export function createDashboardService({ dashboard, now, moderationLines = noLines }: DashboardServiceDeps) {
  return {
    async workToDo() {
      const at = now()
      const today = addLondonDays(at, 0)
      const [open, closingSoon, awaitingOutcome, uncoded, moderation] = await Promise.all([
        dashboard.openNow(at, startOfLondonDay(today)),
        dashboard.closingBetween(at, startOfLondonDay(addLondonDays(at, CLOSING_SOON_DAYS + 1))),
        dashboard.awaitingOutcome(at),
        dashboard.uncodedAnswers(),
        moderationLines(),
      ])
      return {
        open,
        closingSoon,
        awaitingOutcome,
        uncoded: uncoded.map((line): WorkLine => ({
          consultation: { id: line.id, slug: line.slug, title: line.title },
          count: line.count,
          href: `/admin/consultations/${line.slug}/results`,
        })),
        moderation,
      }
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
