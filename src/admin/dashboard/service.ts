import { addLondonDays, startOfLondonDay } from '../../shared/dates'
import type { AwaitingModeration } from '../../published-responses/repository'
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
  /** Responses waiting for moderation, counted per consultation. */
  moderation: { countAwaitingModeration(): Promise<AwaitingModeration[]> }
}

export const CLOSING_SOON_DAYS = 14

/** The officers' dashboard on the admin home page: the work to do, across every consultation. */
export function createDashboardService({ dashboard, now, moderation }: DashboardServiceDeps) {
  return {
    async workToDo() {
      const at = now()
      const today = addLondonDays(at, 0)
      const [open, closingSoon, awaitingOutcome, uncoded, awaitingModeration] = await Promise.all([
        dashboard.openNow(at, startOfLondonDay(today)),
        dashboard.closingBetween(at, startOfLondonDay(addLondonDays(at, CLOSING_SOON_DAYS + 1))),
        dashboard.awaitingOutcome(at),
        dashboard.uncodedAnswers(),
        moderation.countAwaitingModeration(),
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
        moderation: awaitingModeration.map((line): WorkLine => ({
          consultation: { id: line.consultationId, slug: line.slug, title: line.title },
          count: line.count,
          href: `/admin/consultations/${line.consultationId}/moderation`,
        })),
      }
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
