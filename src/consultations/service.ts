import type { Knex } from 'knex'
import type { AuditService } from '../audit/service'
import { markdownToPlainText } from '../shared/markdown'
import type { ConsultationAdminRepository } from './admin-repository'
import { createConsultationEditing } from './editing'
import type { ConsultationRepository } from './repository'
import type { ConsultationDetail, NewConsultation, Section } from './types'

export interface ConsultationServiceDeps {
  db: Knex
  consultations: ConsultationRepository
  admin: ConsultationAdminRepository
  audit: AuditService
  now: () => Date
  /** Runs in the publishing transaction: queues the alerts for a new consultation. */
  onPublish?: (trx: Knex, consultationId: number) => Promise<unknown>
}

const HOME_LIST_LIMIT = 10
const HOME_RECENT_LIMIT = 5
const HOME_FEEDBACK_LIMIT = 3

/** The text that full-text search reads beyond the title and summary. Every write stores it. */
export function searchTextOf(input: { sections: Section[] }): string {
  return input.sections
    .map((section) => [section.heading ?? '', markdownToPlainText(section.bodyMarkdown)].join(' '))
    .join('\n')
    .trim()
}

export function createConsultationService(deps: ConsultationServiceDeps) {
  const { db, consultations, now } = deps
  return {
    async getOverview(slug: string): Promise<ConsultationDetail | null> {
      return consultations.findPublishedBySlug(slug, now())
    },

    async getHomePage() {
      const at = now()
      const [open, forthcoming, recentlyClosed, latestFeedback] = await Promise.all([
        consultations.listOpen(at, HOME_LIST_LIMIT),
        consultations.listForthcoming(at, HOME_LIST_LIMIT),
        consultations.listRecentlyClosed(at, HOME_RECENT_LIMIT),
        consultations.listLatestFeedback(at, HOME_FEEDBACK_LIMIT),
      ])
      return { open, forthcoming, recentlyClosed, latestFeedback }
    },

    /** Creates a consultation, replacing any existing one with the same slug. Used by the seeds. */
    async replaceConsultation(input: NewConsultation): Promise<number> {
      return db.transaction(async (trx) => {
        await consultations.deleteBySlug(input.slug, trx)
        return consultations.insert(trx, input, searchTextOf(input))
      })
    },

    ...createConsultationEditing({ ...deps, searchTextOf }),
  }
}

export type ConsultationService = ReturnType<typeof createConsultationService>
