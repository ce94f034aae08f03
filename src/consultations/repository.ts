import type { Knex } from 'knex'
import type {
  ConsultationDetail,
  ConsultationStatus,
  ConsultationSummary,
  Contact,
  DocumentMeta,
  Feedback,
  FeedbackItem,
  NewConsultation,
  PreviewDetail,
  RelatedLink,
  Section,
  Taxonomy,
  Term,
} from './types'
import { TAXONOMIES } from './types'
import { onlyRow } from '../db/rows'
import { defaultOutcomeDue } from './lifecycle'
import { type FeedbackRow, feedbackFromRow, feedbackToRow } from '../feedback/repository'

export const JOIN_TABLES: Record<Taxonomy, { table: string; termColumn: string }> = {
  wards: { table: 'consultation_wards', termColumn: 'ward_id' },
  audiences: { table: 'consultation_audiences', termColumn: 'audience_id' },
  topics: { table: 'consultation_topics', termColumn: 'topic_id' },
}

export interface ConsultationRow {
  id: number
  slug: string
  title: string
  summary: string
  opens_at: Date
  closes_at: Date
  status: ConsultationStatus
  is_sample: boolean
  outcome_due_at: Date
  outcome_published: boolean
  outcome_overdue: boolean
}

/** A consultation row with the contact columns that its public page shows. */
interface DetailRow extends ConsultationRow {
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  contact_address: string | null
}

/** Status is always derived from the dates at the moment asked, never stored. */
export function statusExpression(db: Knex, now: Date): Knex.Raw {
  return db.raw(
    `CASE WHEN consultations.opens_at > ?::timestamptz THEN 'forthcoming'
          WHEN consultations.closes_at >= ?::timestamptz THEN 'open'
          ELSE 'closed' END`,
    [now, now],
  )
}

/** Whether a consultation's feedback (its outcome) is published by `now`. */
export function outcomePublishedExpression(db: Knex, now: Date): Knex.Raw {
  return db.raw(
    `EXISTS (SELECT 1 FROM consultation_feedback AS outcome
             WHERE outcome.consultation_id = consultations.id
               AND outcome.published_at IS NOT NULL AND outcome.published_at <= ?::timestamptz)`,
    [now],
  )
}

/** The columns toSummary reads about where a consultation is in its life at `now`. */
export function lifecycleColumns(db: Knex, now: Date): (Knex.Raw | string)[] {
  return [
    'consultations.outcome_due_at',
    db.raw('? as status', [statusExpression(db, now)]),
    db.raw('? as outcome_published', [outcomePublishedExpression(db, now)]),
    db.raw(
      `(consultations.closes_at < ?::timestamptz AND consultations.outcome_due_at < ?::timestamptz AND NOT ?)
       as outcome_overdue`,
      [now, now, outcomePublishedExpression(db, now)],
    ),
  ]
}

/** The main documents and other formats of a consultation, in order. */
export const DOCUMENT_COLUMNS = [
  'id',
  'title',
  'filename',
  'content_type as contentType',
  'size_bytes as sizeBytes',
  'format',
  'format_language as formatLanguage',
]

export const toSummary = (row: ConsultationRow): ConsultationSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  opensAt: new Date(row.opens_at),
  closesAt: new Date(row.closes_at),
  status: row.status,
  isSample: row.is_sample,
  outcomeDueAt: new Date(row.outcome_due_at),
  outcomePublished: row.outcome_published,
  outcomeOverdue: row.outcome_overdue,
})

export function createConsultationRepository(db: Knex) {
  /** Published consultations only: drafts and future-published ones stay invisible. */
  const publicConsultations = (now: Date, trx: Knex = db) =>
    trx('consultations')
      .select('consultations.id', 'slug', 'title', 'summary', 'opens_at', 'closes_at', 'is_sample')
      .select(lifecycleColumns(trx, now))
      .whereNotNull('published_at')
      .where('published_at', '<=', now)

  async function termsFor(consultationId: number): Promise<Record<Taxonomy, Term[]>> {
    const entries = await Promise.all(
      TAXONOMIES.map(async (taxonomy) => {
        const { table, termColumn } = JOIN_TABLES[taxonomy]
        const terms = await db(taxonomy)
          .join(table, `${table}.${termColumn}`, `${taxonomy}.id`)
          .where(`${table}.consultation_id`, consultationId)
          .orderBy(`${taxonomy}.name`)
          .select<Term[]>(`${taxonomy}.slug`, `${taxonomy}.name`)
        return [taxonomy, terms] as const
      }),
    )
    return Object.fromEntries(entries) as Record<Taxonomy, Term[]>
  }

  async function feedbackFor(consultationId: number, now: Date): Promise<Feedback | null> {
    const row = await db('consultation_feedback')
      .where({ consultation_id: consultationId })
      .whereNotNull('published_at')
      .where('published_at', '<=', now)
      .first<FeedbackRow | undefined>()
    return row ? feedbackFromRow(row) : null
  }

  async function detailOf(row: DetailRow, now: Date): Promise<ConsultationDetail> {
    const [sections, links, documents, terms, feedback] = await Promise.all([
      db('consultation_sections')
        .where({ consultation_id: row.id })
        .orderBy('position')
        .select<Section[]>('heading', 'body_markdown as bodyMarkdown'),
      db('consultation_links')
        .where({ consultation_id: row.id })
        .orderBy('position')
        .select<RelatedLink[]>('title', 'url'),
      db('consultation_documents')
        .where({ consultation_id: row.id })
        .orderBy('position')
        .select<DocumentMeta[]>(DOCUMENT_COLUMNS),
      termsFor(row.id),
      feedbackFor(row.id, now),
    ])
    const contact: Contact = {
      name: row.contact_name,
      email: row.contact_email,
      phone: row.contact_phone,
      address: row.contact_address,
    }
    return { ...toSummary(row), contact, sections, links, documents, terms, feedback }
  }

  const detailColumns = ['contact_name', 'contact_email', 'contact_phone', 'contact_address']

  return {
    async findPublishedBySlug(slug: string, now: Date): Promise<ConsultationDetail | null> {
      const row = await publicConsultations(now)
        .select(detailColumns)
        .where('slug', slug)
        .first<DetailRow | undefined>()
      return row ? detailOf(row, now) : null
    },

    /** Any consultation, drafts included, exactly as its public page would show it: for officers' previews. */
    async findDetailById(id: number, now: Date): Promise<PreviewDetail | null> {
      const row = await db('consultations')
        .select('consultations.id', 'slug', 'title', 'summary', 'opens_at', 'closes_at', 'is_sample', 'published_at')
        .select(detailColumns)
        .select(lifecycleColumns(db, now))
        .where('consultations.id', id)
        .first<(DetailRow & { published_at: Date | null }) | undefined>()
      if (!row) return null
      return { ...(await detailOf(row, now)), publishedAt: row.published_at ? new Date(row.published_at) : null }
    },

    async listOpen(now: Date, limit: number): Promise<ConsultationSummary[]> {
      const rows = await publicConsultations(now)
        .where('opens_at', '<=', now)
        .where('closes_at', '>=', now)
        .orderBy([{ column: 'closes_at' }, { column: 'title' }])
        .limit(limit)
      return rows.map(toSummary)
    },

    async listForthcoming(now: Date, limit: number): Promise<ConsultationSummary[]> {
      const rows = await publicConsultations(now)
        .where('opens_at', '>', now)
        .orderBy([{ column: 'opens_at' }, { column: 'title' }])
        .limit(limit)
      return rows.map(toSummary)
    },

    async listRecentlyClosed(now: Date, limit: number): Promise<ConsultationSummary[]> {
      const rows = await publicConsultations(now)
        .where('closes_at', '<', now)
        .orderBy([{ column: 'closes_at', order: 'desc' }, { column: 'title' }])
        .limit(limit)
      return rows.map(toSummary)
    },

    async listLatestFeedback(now: Date, limit: number): Promise<FeedbackItem[]> {
      return db('consultation_feedback')
        .join('consultations', 'consultations.id', 'consultation_feedback.consultation_id')
        .whereNotNull('consultations.published_at')
        .where('consultations.published_at', '<=', now)
        .whereNotNull('consultation_feedback.published_at')
        .where('consultation_feedback.published_at', '<=', now)
        .orderBy([{ column: 'feedback_updated_at', order: 'desc' }, { column: 'title' }])
        .limit(limit)
        .select<FeedbackItem[]>('slug', 'title', 'we_asked as weAsked', 'feedback_updated_at as feedbackUpdatedAt')
    },

    async countAll(): Promise<number> {
      const row = await db('consultations').count<{ count: string | number }[]>({ count: '*' }).first()
      return Number(row?.count ?? 0)
    },

    async deleteBySlug(slug: string, trx: Knex = db): Promise<void> {
      await trx('consultations').where({ slug }).delete()
    },

    /** Inserts a consultation and everything that hangs off it, in the caller's transaction. */
    async insert(trx: Knex.Transaction, input: NewConsultation, searchText: string): Promise<number> {
      const insertedRows = await trx('consultations')
        .insert({
          slug: input.slug,
          title: input.title,
          summary: input.summary,
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          outcome_due_at: input.outcomeDueAt ?? defaultOutcomeDue(input.closesAt),
          outcome_due_set: input.outcomeDueAt !== undefined,
          published_at: input.publishedAt,
          is_sample: input.isSample ?? false,
          contact_name: input.contact.name,
          contact_email: input.contact.email,
          contact_phone: input.contact.phone,
          contact_address: input.contact.address,
          search_text: searchText,
        })
        .returning<{ id: number }[]>('id')
      const id = onlyRow(insertedRows).id
      if (input.sections.length > 0) {
        await trx('consultation_sections').insert(
          input.sections.map((section, position) => ({
            consultation_id: id,
            position,
            heading: section.heading,
            body_markdown: section.bodyMarkdown,
          })),
        )
      }
      if (input.links.length > 0) {
        await trx('consultation_links').insert(
          input.links.map((link, position) => ({ consultation_id: id, position, title: link.title, url: link.url })),
        )
      }
      for (const taxonomy of TAXONOMIES) {
        const slugs = input.termSlugs[taxonomy]
        if (slugs.length === 0) continue
        const terms = await trx(taxonomy).whereIn('slug', slugs).select<{ id: number; slug: string }[]>('id', 'slug')
        const missing = slugs.filter((slug) => !terms.some((term) => term.slug === slug))
        if (missing.length > 0) throw new Error(`Unknown ${taxonomy}: ${missing.join(', ')}`)
        const { table, termColumn } = JOIN_TABLES[taxonomy]
        await trx(table).insert(terms.map((term) => ({ consultation_id: id, [termColumn]: term.id })))
      }
      if (input.feedback) {
        await trx('consultation_feedback').insert(feedbackToRow(id, input.feedback))
      }
      return id
    },
  }
}

export type ConsultationRepository = ReturnType<typeof createConsultationRepository>
