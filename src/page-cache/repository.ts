import type { Knex } from 'knex'
import { purgeDueAt } from '../privacy/purge-repository'

/**
 * The times at which a public page changes by the clock alone, as SQL over a table: a consultation's
 * publication, opening, closing and outcome due date (after which it shows as overdue), the end of its
 * retention period (when the privacy notice stops listing it), the publication of its feedback, and an
 * event's start and end (when it moves from upcoming to past). A later feature whose pages change on a date
 * adds it here.
 */
const CLOCK_BOUNDARIES = [
  ['consultations', 'consultations.published_at'],
  ['consultations', 'consultations.opens_at'],
  ['consultations', 'consultations.closes_at'],
  ['consultations', 'consultations.outcome_due_at'],
  ['consultations', purgeDueAt('consultations')],
  ['consultation_feedback', 'consultation_feedback.published_at'],
  ['consultation_events', 'consultation_events.starts_at'],
  ['consultation_events', 'consultation_events.ends_at'],
] as const

export function createPageCacheRepository(db: Knex) {
  return {
    /** Bumped by a trigger, in the same transaction, by every change a public page could show. */
    async contentVersion(): Promise<string> {
      const row = await db('site_content_version').where({ id: 1 }).first<{ version: string | number }>('version')
      return String(row.version)
    },

    /**
     * The first moment from `now` on at which some public page may change by the clock; null when none is
     * due. A boundary at `now` itself counts, since a page may compare with `>=` or `>`: a page rendered then
     * is never served from the cache, which costs one render and can never be stale.
     */
    async nextClockBoundary(now: Date): Promise<Date | null> {
      const soonest = CLOCK_BOUNDARIES.map(([table, at], index) =>
        db(table).min(db.raw(at)).whereRaw(`${at} >= ?`, [now]).as(`b${index}`),
      )
      const [row] = await db.select<Record<string, Date | string | null>[]>(soonest)
      const times = Object.values(row ?? {}).flatMap((at) => (at ? [new Date(at).getTime()] : []))
      return times.length > 0 ? new Date(Math.min(...times)) : null
    },
  }
}

export type PageCacheRepository = ReturnType<typeof createPageCacheRepository>
