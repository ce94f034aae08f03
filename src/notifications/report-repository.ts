import type { Knex } from 'knex'
import { TAXONOMY_PARAMS } from '../consultations/finder-service'
import { TAXONOMIES, type Taxonomy } from '../consultations/types'

export interface FailedEmail {
  kind: string
  attempts: number
  lastError: string | null
  createdAt: Date
}

export interface TermCount {
  name: string
  count: number
}

/** Counts for the admins' notifications page: never an address. */
export function createNotificationReportRepository(db: Knex) {
  return {
    async failedEmails(limit: number): Promise<FailedEmail[]> {
      const rows = await db('outbox')
        .where({ status: 'failed' })
        .orderBy('id', 'desc')
        .limit(limit)
        .select<{ kind: string; attempts: number; last_error: string | null; created_at: Date }[]>(
          'kind',
          'attempts',
          'last_error',
          'created_at',
        )
      return rows.map((row) => ({
        kind: row.kind,
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: new Date(row.created_at),
      }))
    },

    /** Confirmed alerts naming each term of each taxonomy. */
    async alertsByTerm(): Promise<Record<Taxonomy, TermCount[]>> {
      const counts = {} as Record<Taxonomy, TermCount[]>
      for (const taxonomy of TAXONOMIES) {
        const rows = await db(`${taxonomy} as t`)
          .leftJoin('alert_subscriptions as a', (join) =>
            join
              .onNotNull('a.confirmed_at')
              .andOn(db.raw('a.filter -> ? @> to_jsonb(t.slug)', [TAXONOMY_PARAMS[taxonomy]])),
          )
          .groupBy('t.id', 't.name')
          .orderBy('t.name')
          .select<{ name: string; count: string }[]>('t.name', db.raw('count(a.id) as count'))
        counts[taxonomy] = rows.map((row) => ({ name: row.name, count: Number(row.count) }))
      }
      return counts
    },

    async totals(): Promise<{ confirmedAlerts: number; unconfirmedAlerts: number; outcomeRequests: number }> {
      const [alerts] = await db('alert_subscriptions').select<{ confirmed: string; unconfirmed: string }[]>(
        db.raw('count(confirmed_at) as confirmed'),
        db.raw('count(*) - count(confirmed_at) as unconfirmed'),
      )
      const [outcomes] = await db('outcome_requests').count<{ count: string }[]>('* as count')
      return {
        confirmedAlerts: Number(alerts?.confirmed ?? 0),
        unconfirmedAlerts: Number(alerts?.unconfirmed ?? 0),
        outcomeRequests: Number(outcomes?.count ?? 0),
      }
    },
  }
}

export type NotificationReportRepository = ReturnType<typeof createNotificationReportRepository>
