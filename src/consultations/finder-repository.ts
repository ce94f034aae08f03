import type { Knex } from 'knex'
import { consultationTaggedWithAny, SEARCH_CONFIG, webSearchText } from './search-repository'
import type { OutcomeFilter } from './lifecycle'
import {
  type ConsultationRow,
  JOIN_TABLES,
  lifecycleColumns,
  outcomePublishedExpression,
  statusExpression,
  toSummary,
} from './repository'
import type { ConsultationStatus, ConsultationSummary, FeedbackItem, Taxonomy, Term } from './types'
import { TAXONOMIES } from './types'

/** What the finder filters on, already validated: term slugs that exist, instants for the dates. */
export interface FinderFilters {
  search: string | null
  statuses: ConsultationStatus[]
  /** Closed consultations awaiting their outcome, or with it published; any when empty. */
  outcomes: OutcomeFilter[]
  termSlugs: Record<Taxonomy, string[]>
  opensOnOrAfter: Date | null
  opensBefore: Date | null
  closesOnOrAfter: Date | null
  closesBefore: Date | null
}

/**
 * relevance: best search match first; status: open (closing soonest), forthcoming, closed (latest first);
 * newest: latest published first.
 */
export type FinderOrder = 'relevance' | 'status' | 'newest'

export interface FinderPage {
  limit: number
  offset: number
  order: FinderOrder
}

export interface TermWithCount extends Term {
  coversAllAreas: boolean
  count: number
}

export interface FoundConsultation extends ConsultationSummary {
  publishedAt: Date
  updatedAt: Date
}

export interface FeedbackListItem extends FeedbackItem {
  status: ConsultationStatus
  opensAt: Date
  closesAt: Date
}

interface TermCountRow {
  slug: string
  name: string
  covers_all_areas: boolean
  count: number
}

interface FeedbackListRow {
  slug: string
  title: string
  we_asked: string
  feedback_updated_at: Date
  status: ConsultationStatus
  opens_at: Date
  closes_at: Date
}

interface FoundRow extends ConsultationRow {
  published_at: Date
  updated_at: Date
}

export function createFinderRepository(db: Knex) {
  const published = (now: Date) =>
    db('consultations').whereNotNull('consultations.published_at').where('consultations.published_at', '<=', now)

  const taggedWithAny = (taxonomy: Taxonomy, slugs: string[]) => consultationTaggedWithAny(db, taxonomy, slugs)

  function filtered(filters: FinderFilters, now: Date) {
    const query = published(now)
    if (filters.search) {
      query.whereRaw('consultations.search_vector @@ websearch_to_tsquery(?::regconfig, ?)', [
        SEARCH_CONFIG,
        webSearchText(filters.search),
      ])
    }
    if (filters.statuses.length > 0) {
      query.whereRaw(`(?) IN (${filters.statuses.map(() => '?').join(', ')})`, [
        statusExpression(db, now),
        ...filters.statuses,
      ])
    }
    if (filters.outcomes.length > 0) {
      query.where('consultations.closes_at', '<', now)
      if (filters.outcomes.length === 1) {
        const published = outcomePublishedExpression(db, now)
        query.whereRaw(filters.outcomes[0] === 'published' ? '?' : 'NOT ?', [published])
      }
    }
    for (const taxonomy of TAXONOMIES) {
      const slugs = filters.termSlugs[taxonomy]
      if (slugs.length > 0) query.whereExists(taggedWithAny(taxonomy, slugs))
    }
    if (filters.opensOnOrAfter) query.where('consultations.opens_at', '>=', filters.opensOnOrAfter)
    if (filters.opensBefore) query.where('consultations.opens_at', '<', filters.opensBefore)
    if (filters.closesOnOrAfter) query.where('consultations.closes_at', '>=', filters.closesOnOrAfter)
    if (filters.closesBefore) query.where('consultations.closes_at', '<', filters.closesBefore)
    return query
  }

  function ordered(query: Knex.QueryBuilder, order: FinderOrder, filters: FinderFilters, now: Date) {
    if (order === 'relevance' && filters.search) {
      query.orderByRaw('ts_rank(consultations.search_vector, websearch_to_tsquery(?::regconfig, ?)) DESC', [
        SEARCH_CONFIG,
        webSearchText(filters.search),
      ])
    }
    if (order === 'newest') {
      query.orderBy('consultations.published_at', 'desc')
    } else {
      query
        .orderByRaw("CASE (?) WHEN 'open' THEN 0 WHEN 'forthcoming' THEN 1 ELSE 2 END", [statusExpression(db, now)])
        .orderByRaw(
          `CASE (?) WHEN 'open' THEN consultations.closes_at WHEN 'forthcoming' THEN consultations.opens_at END
           ASC NULLS LAST`,
          [statusExpression(db, now)],
        )
    }
    return query.orderBy([
      { column: 'consultations.closes_at', order: 'desc' },
      { column: 'consultations.title' },
      { column: 'consultations.id' },
    ])
  }

  return {
    async find(
      filters: FinderFilters,
      page: FinderPage,
      now: Date,
    ): Promise<{ consultations: FoundConsultation[]; total: number }> {
      const [countRow, rows] = await Promise.all([
        filtered(filters, now).select(db.raw('count(*)::int as count')).first<{ count: number }>(),
        ordered(filtered(filters, now), page.order, filters, now)
          .select(
            'consultations.id',
            'slug',
            'title',
            'summary',
            'opens_at',
            'closes_at',
            'is_sample',
            'published_at',
            'updated_at',
          )
          .select<FoundRow[]>(lifecycleColumns(db, now))
          .limit(page.limit)
          .offset(page.offset),
      ])
      return {
        total: countRow.count,
        consultations: rows.map((row) => ({
          ...toSummary(row),
          publishedAt: new Date(row.published_at),
          updatedAt: new Date(row.updated_at),
        })),
      }
    },

    async findTerms(taxonomy: Taxonomy, slugs: string[]): Promise<Term[]> {
      if (slugs.length === 0) return []
      return db(taxonomy).whereIn('slug', slugs).orderBy('name').select<Term[]>('slug', 'name')
    },

    async findTerm(taxonomy: Taxonomy, slug: string): Promise<(Term & { coversAllAreas: boolean }) | null> {
      const row = await db(taxonomy)
        .where({ slug })
        .first<{ slug: string; name: string; covers_all_areas?: boolean } | undefined>()
      return row ? { slug: row.slug, name: row.name, coversAllAreas: row.covers_all_areas === true } : null
    },

    /** Current terms with how many published consultations each has, "All Areas" first. */
    async listTermsWithCounts(taxonomy: Taxonomy, now: Date): Promise<TermWithCount[]> {
      const { table, termColumn } = JOIN_TABLES[taxonomy]
      const allAreas = taxonomy === 'wards'
      const rows = (await db(`${taxonomy} as term`)
        .whereNull('term.retired_at')
        .select('term.slug', 'term.name', db.raw(allAreas ? 'term.covers_all_areas' : 'false as covers_all_areas'))
        .select({
          count: published(now)
            .whereExists(
              db(table)
                .select(db.raw('1'))
                .join(`${taxonomy} as tagged`, 'tagged.id', `${table}.${termColumn}`)
                .whereRaw('??.consultation_id = consultations.id', [table])
                .where((where) => {
                  where.whereRaw('tagged.id = term.id')
                  if (allAreas) where.orWhere('tagged.covers_all_areas', true)
                }),
            )
            .select(db.raw('count(*)::int')),
        })
        .orderBy(
          allAreas
            ? [{ column: 'term.covers_all_areas', order: 'desc' }, { column: 'term.name' }]
            : [{ column: 'term.name' }],
        )) as TermCountRow[]
      return rows.map((row) => ({
        slug: row.slug,
        name: row.name,
        coversAllAreas: row.covers_all_areas,
        count: row.count,
      }))
    },

    /** Every consultation's terms, for a page of results, in one query per taxonomy. */
    async termsForConsultations(ids: number[]): Promise<Map<number, Record<Taxonomy, Term[]>>> {
      const byConsultation = new Map<number, Record<Taxonomy, Term[]>>(
        ids.map((id) => [id, { wards: [], audiences: [], topics: [] }]),
      )
      if (ids.length === 0) return byConsultation
      for (const taxonomy of TAXONOMIES) {
        const { table, termColumn } = JOIN_TABLES[taxonomy]
        const rows = await db(table)
          .join(taxonomy, `${taxonomy}.id`, `${table}.${termColumn}`)
          .whereIn(`${table}.consultation_id`, ids)
          .orderBy(`${taxonomy}.name`)
          .select<{ consultation_id: number; slug: string; name: string }[]>(
            `${table}.consultation_id`,
            `${taxonomy}.slug`,
            `${taxonomy}.name`,
          )
        for (const row of rows)
          byConsultation.get(row.consultation_id)?.[taxonomy].push({ slug: row.slug, name: row.name })
      }
      return byConsultation
    },

    /** Published consultations with published feedback, the most recently updated feedback first. */
    async listFeedback(
      now: Date,
      limit: number,
      offset: number,
    ): Promise<{ items: FeedbackListItem[]; total: number }> {
      const withFeedback = () =>
        published(now)
          .join('consultation_feedback', 'consultation_feedback.consultation_id', 'consultations.id')
          .whereNotNull('consultation_feedback.published_at')
          .where('consultation_feedback.published_at', '<=', now)
      const [countRow, rows] = await Promise.all([
        withFeedback().select(db.raw('count(*)::int as count')).first<{ count: number }>(),
        withFeedback()
          .orderBy([{ column: 'feedback_updated_at', order: 'desc' }, { column: 'title' }])
          .limit(limit)
          .offset(offset)
          .select('slug', 'title', 'we_asked', 'feedback_updated_at', 'opens_at', 'closes_at')
          .select<FeedbackListRow[]>(db.raw('? as status', [statusExpression(db, now)])),
      ])
      return {
        total: countRow.count,
        items: rows.map((row) => ({
          slug: row.slug,
          title: row.title,
          weAsked: row.we_asked,
          feedbackUpdatedAt: new Date(row.feedback_updated_at),
          status: row.status,
          opensAt: new Date(row.opens_at),
          closesAt: new Date(row.closes_at),
        })),
      }
    },
  }
}

export type FinderRepository = ReturnType<typeof createFinderRepository>
