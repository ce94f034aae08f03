import type { Knex } from 'knex'
import { consultationTaggedWithAny, SEARCH_CONFIG, webSearchText } from '../consultations/search-repository'
import { TAXONOMY_PARAMS } from '../consultations/finder-service'
import { TAXONOMIES } from '../consultations/types'
import { integerArrayLiteral } from '../shared/sql-array'
import type { AlertFilter } from './alert-filter'

export type AlertFrequency = 'immediate' | 'weekly'

export interface NewSubscription {
  email: string
  filter: AlertFilter
  description: string
  frequency: AlertFrequency
  confirmTokenHash: string
  confirmExpiresAt: Date
  manageSecret: string
}

export interface Subscription {
  id: number
  email: string
  filter: AlertFilter
  description: string
  frequency: AlertFrequency
  manageSecret: string
  confirmedAt: Date | null
}

export interface AlertedConsultation {
  id: number
  slug: string
  title: string
  summary: string
  closesAt: Date
  publishedAt: Date | null
  alertsEnqueuedAt: Date | null
}

interface SubscriptionRow {
  id: number
  email: string
  filter: AlertFilter
  description: string
  frequency: AlertFrequency
  manage_secret: string
  confirmed_at: Date | null
}

const COLUMNS = ['id', 'email', 'filter', 'description', 'frequency', 'manage_secret', 'confirmed_at']

const fromRow = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  email: row.email,
  filter: row.filter,
  description: row.description,
  frequency: row.frequency,
  manageSecret: row.manage_secret,
  confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
})

/** Alerts for new consultations. Addresses are read here to send emails, and never leave but as counts. */
export function createAlertRepository(db: Knex) {
  return {
    async create(trx: Knex, subscription: NewSubscription): Promise<number> {
      const [row] = await trx('alert_subscriptions')
        .insert({
          email: subscription.email,
          filter: JSON.stringify(subscription.filter),
          description: subscription.description,
          frequency: subscription.frequency,
          confirm_token_hash: subscription.confirmTokenHash,
          confirm_expires_at: subscription.confirmExpiresAt,
          manage_secret: subscription.manageSecret,
        })
        .returning<{ id: number }[]>('id')
      return row?.id ?? 0
    },

    /** Confirms the subscription whose unexpired link this is; an identical one confirmed before is kept instead. */
    async confirm(tokenHash: string, now: Date): Promise<Subscription | null> {
      return db.transaction(async (trx) => {
        const [row] = await trx('alert_subscriptions')
          .where({ confirm_token_hash: tokenHash })
          .where('confirm_expires_at', '>', now)
          .update({ confirmed_at: now, confirm_token_hash: null, confirm_expires_at: null })
          .returning<SubscriptionRow[]>(COLUMNS)
        if (!row) return null
        const earlier = await trx('alert_subscriptions')
          .where({ email: row.email, frequency: row.frequency })
          .whereRaw('filter = ?::jsonb', [JSON.stringify(row.filter)])
          .whereNotNull('confirmed_at')
          .whereNot({ id: row.id })
          .first<SubscriptionRow | undefined>(COLUMNS)
        if (!earlier) return fromRow(row)
        await trx('alert_subscriptions').where({ id: row.id }).delete()
        return fromRow(earlier)
      })
    },

    async find(id: number): Promise<Subscription | null> {
      const row = await db('alert_subscriptions').where({ id }).first<SubscriptionRow | undefined>(COLUMNS)
      return row ? fromRow(row) : null
    },

    async listConfirmed(email: string): Promise<Subscription[]> {
      const rows = await db('alert_subscriptions')
        .where({ email })
        .whereNotNull('confirmed_at')
        .orderBy('id')
        .select<SubscriptionRow[]>(COLUMNS)
      return rows.map(fromRow)
    },

    async remove(id: number): Promise<void> {
      await db('alert_subscriptions').where({ id }).delete()
    },

    async removeUnconfirmedBefore(cutoff: Date): Promise<number> {
      return db('alert_subscriptions').whereNull('confirmed_at').where('created_at', '<', cutoff).delete()
    },

    /** The consultation, locked until the transaction ends, so two publications cannot both send its alerts. */
    async consultationForAlerts(trx: Knex, id: number): Promise<AlertedConsultation | null> {
      const row = await trx('consultations').where({ id }).forUpdate().first<
        | {
            id: number
            slug: string
            title: string
            summary: string
            closes_at: Date
            published_at: Date | null
            alerts_enqueued_at: Date | null
          }
        | undefined
      >('id', 'slug', 'title', 'summary', 'closes_at', 'published_at', 'alerts_enqueued_at')
      if (!row) return null
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        closesAt: new Date(row.closes_at),
        publishedAt: row.published_at ? new Date(row.published_at) : null,
        alertsEnqueuedAt: row.alerts_enqueued_at ? new Date(row.alerts_enqueued_at) : null,
      }
    },

    async markAlerted(trx: Knex, consultationId: number, now: Date): Promise<void> {
      await trx('consultations').where({ id: consultationId }).update({ alerts_enqueued_at: now })
    },

    /**
     * Confirmed immediate alerts, confirmed before the consultation was published, that it matches: two
     * statements however many alerts there are.
     */
    async immediateMatching(trx: Knex, consultationId: number, publishedAt: Date): Promise<Subscription[]> {
      const rows = await trx('alert_subscriptions')
        .where({ frequency: 'immediate' })
        .where('confirmed_at', '<=', publishedAt)
        .orderBy('id')
        .select<SubscriptionRow[]>(COLUMNS)
      if (rows.length === 0) return []
      const matched = await matchingFilters(trx, rows.map(fromRow))
        .joinRaw('join consultations on consultations.id = ?', [consultationId])
        .pluck<number[]>('f.id')
      const ids = new Set(matched)
      return rows.filter((row) => ids.has(row.id)).map(fromRow)
    },

    /** Confirmed weekly alerts whose last digest (or confirmation) was at or before `before`. */
    async weeklyDue(trx: Knex, before: Date): Promise<(Subscription & { since: Date })[]> {
      const rows = await trx('alert_subscriptions')
        .where({ frequency: 'weekly' })
        .whereRaw('coalesce(last_digest_at, confirmed_at) <= ?', [before])
        .orderBy('id')
        .forUpdate()
        .skipLocked()
        .select<(SubscriptionRow & { since: Date })[]>([
          ...COLUMNS,
          trx.raw('coalesce(last_digest_at, confirmed_at) as since'),
        ])
      return rows.map((row) => ({ ...fromRow(row), since: new Date(row.since) }))
    },

    async markDigested(trx: Knex, ids: number[], at: Date): Promise<void> {
      await trx('alert_subscriptions')
        .whereRaw('id = any(?::int[])', [integerArrayLiteral(ids)])
        .update({ last_digest_at: at })
    },

    /**
     * For each weekly alert, the consultations published after its `since`, up to `until`, that it matches,
     * oldest first: one statement however many alerts there are.
     */
    async publishedMatching(
      trx: Knex,
      subscriptions: (Subscription & { since: Date })[],
      until: Date,
    ): Promise<{ subscriptionId: number; slug: string; title: string }[]> {
      if (subscriptions.length === 0) return []
      return matchingFilters(trx, subscriptions)
        .joinRaw('join consultations on consultations.published_at > f.since and consultations.published_at <= ?', [
          until,
        ])
        .orderBy([{ column: 'f.id' }, { column: 'consultations.published_at' }, { column: 'consultations.id' }])
        .select('f.id as subscriptionId', 'consultations.slug', 'consultations.title')
    },
  }
}

const FILTER_COLUMNS = 'id int, since timestamptz, q text, wards jsonb, audiences jsonb, topics jsonb'

/**
 * The alerts' filters as a table `f` (one bound parameter), with the conditions under which a joined
 * `consultations` row is one the finder would show for each: its search words, and one of its terms of each
 * taxonomy it names. The search is put in websearch form here, as the finder does.
 */
function matchingFilters(trx: Knex, subscriptions: (Subscription & { since?: Date })[]): Knex.QueryBuilder {
  const filters = subscriptions.map(({ id, filter, since }) => ({
    id,
    since: since?.toISOString() ?? null,
    q: filter.q ? webSearchText(filter.q) : null,
    ...Object.fromEntries(TAXONOMIES.map((taxonomy) => [taxonomy, filter[TAXONOMY_PARAMS[taxonomy]]])),
  }))
  const query = trx
    .from(trx.raw(`jsonb_to_recordset(?::jsonb) as f(${FILTER_COLUMNS})`, [JSON.stringify(filters)]))
    .where((where) => {
      where
        .whereNull('f.q')
        .orWhereRaw('consultations.search_vector @@ websearch_to_tsquery(?::regconfig, f.q)', [SEARCH_CONFIG])
    })
  for (const taxonomy of TAXONOMIES) {
    const slugs = trx.select(trx.raw('jsonb_array_elements_text(??)', [`f.${taxonomy}`]))
    query.where((where) => {
      where
        .whereRaw('jsonb_array_length(??) = 0', [`f.${taxonomy}`])
        .orWhereExists(consultationTaggedWithAny(trx, taxonomy, slugs))
    })
  }
  return query
}

export type AlertRepository = ReturnType<typeof createAlertRepository>
