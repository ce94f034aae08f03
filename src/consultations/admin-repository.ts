import type { Knex } from 'knex'
import { onlyRow } from '../db/rows'
import type {
  AdminConsultation,
  AdminListFilter,
  AdminListItem,
  ConsultationDraft,
  NewDocument,
  StoredDocument,
} from './admin-types'
import { outcomeDueAt } from './lifecycle'
import {
  DOCUMENT_COLUMNS,
  JOIN_TABLES,
  lifecycleColumns,
  outcomePublishedExpression,
  statusExpression,
  toSummary,
} from './repository'
import type { ConsultationRow } from './repository'
import type { DocumentFormat } from './document-formats'
import type { Contact, DocumentMeta, RelatedLink, Section, Taxonomy } from './types'
import { isoLondonDate } from '../shared/dates'
import { TAXONOMIES } from './types'

interface AdminConsultationRow extends ConsultationRow {
  published_at: Date | null
  retention_months: number
  outcome_due_set: boolean
  contact_name: Contact['name']
  contact_email: Contact['email']
  contact_phone: Contact['phone']
  contact_address: Contact['address']
  updated_at: Date
  owner_id: number | null
}

interface DocumentRow {
  id: number
  consultation_id: number
  title: string
  filename: string
  content_type: string
  size_bytes: number
  format: DocumentFormat | null
  format_language: string | null
  content: Uint8Array
}

const columnsOf = (draft: ConsultationDraft, searchText: string) => ({
  slug: draft.slug,
  title: draft.title,
  summary: draft.summary,
  opens_at: draft.opensAt,
  closes_at: draft.closesAt,
  // The default follows the closing date on every save until an officer chooses a day.
  outcome_due_at: outcomeDueAt(draft.closesAt, draft.outcomeDueOn),
  outcome_due_set: draft.outcomeDueOn !== null,
  contact_name: draft.contact.name,
  contact_email: draft.contact.email,
  contact_phone: draft.contact.phone,
  contact_address: draft.contact.address,
  retention_months: draft.retentionMonths,
  search_text: searchText,
  ...(draft.ownerId === undefined ? {} : { owner_id: draft.ownerId }),
})

/** Officers' reads and writes of consultations, drafts included. */
export function createConsultationAdminRepository(db: Knex) {
  async function replaceChildren(trx: Knex, id: number, draft: ConsultationDraft): Promise<void> {
    await trx('consultation_sections').where({ consultation_id: id }).delete()
    await trx('consultation_links').where({ consultation_id: id }).delete()
    if (draft.sections.length > 0) {
      await trx('consultation_sections').insert(
        draft.sections.map((s, position) => ({
          consultation_id: id,
          position,
          heading: s.heading,
          body_markdown: s.bodyMarkdown,
        })),
      )
    }
    if (draft.links.length > 0) {
      await trx('consultation_links').insert(
        draft.links.map((l, position) => ({ consultation_id: id, position, title: l.title, url: l.url })),
      )
    }
    for (const taxonomy of TAXONOMIES) {
      const { table, termColumn } = JOIN_TABLES[taxonomy]
      await trx(table).where({ consultation_id: id }).delete()
      const slugs = draft.termSlugs[taxonomy]
      if (slugs.length === 0) continue
      const ids = await trx(taxonomy).whereIn('slug', slugs).pluck<number[]>('id')
      await trx(table).insert(ids.map((termId) => ({ consultation_id: id, [termColumn]: termId })))
    }
  }

  return {
    async list(filter: AdminListFilter, now: Date): Promise<Omit<AdminListItem, 'responseCount'>[]> {
      const query = db('consultations')
        .select('id', 'slug', 'title', 'opens_at as opensAt', 'closes_at as closesAt', 'published_at as publishedAt')
        .select(db.raw('? as status', [statusExpression(db, now)]))
        .select(db.raw('? as "outcomePublished"', [outcomePublishedExpression(db, now)]))
        .orderBy([{ column: 'opens_at', order: 'desc' }, { column: 'title' }])
      // Knex's builders are thenables, so its callbacks take a block, not a builder to resolve.
      if (filter.status === 'draft')
        query.where((q) => {
          q.whereNull('published_at').orWhere('published_at', '>', now)
        })
      else if (filter.status === 'published') query.whereNotNull('published_at').where('published_at', '<=', now)
      else if (filter.status) query.whereRaw('? = ?', [statusExpression(db, now), filter.status])
      if (filter.text)
        query.where((q) => {
          q.whereILike('title', `%${filter.text}%`)
            .orWhereILike('slug', `%${filter.text}%`)
            .orWhereILike('summary', `%${filter.text}%`)
        })
      return query
    },

    /** Responses per consultation, 0 for those with none. */
    async responseCounts(ids: number[]): Promise<Map<number, number>> {
      const counts = new Map(ids.map((id) => [id, 0]))
      if (ids.length === 0) return counts
      const rows = await db('responses')
        .whereIn('consultation_id', ids)
        .groupBy('consultation_id')
        .select<{ consultation_id: number; count: number }[]>('consultation_id', db.raw('count(*)::int as count'))
      for (const row of rows) counts.set(row.consultation_id, row.count)
      return counts
    },

    async findById(id: number, now: Date, trx: Knex = db): Promise<AdminConsultation | null> {
      const row = await trx('consultations')
        .select('*')
        .select(lifecycleColumns(trx, now))
        .where({ id })
        .first<AdminConsultationRow | undefined>()
      if (!row) return null
      const [owner, sections, links, documents, ...termLists] = await Promise.all([
        trx('users')
          .where({ id: row.owner_id ?? 0 })
          .first<{ display_name: string } | undefined>('display_name'),
        trx('consultation_sections')
          .where({ consultation_id: id })
          .orderBy('position')
          .select<Section[]>('heading', 'body_markdown as bodyMarkdown'),
        trx('consultation_links')
          .where({ consultation_id: id })
          .orderBy('position')
          .select<RelatedLink[]>('title', 'url'),
        trx('consultation_documents')
          .where({ consultation_id: id })
          .orderBy('position')
          .select<DocumentMeta[]>(DOCUMENT_COLUMNS),
        ...TAXONOMIES.map((taxonomy) => {
          const { table, termColumn } = JOIN_TABLES[taxonomy]
          return trx(taxonomy)
            .join(table, `${table}.${termColumn}`, `${taxonomy}.id`)
            .where(`${table}.consultation_id`, id)
            .orderBy('name')
            .pluck<string[]>(`${taxonomy}.slug`)
        }),
      ])
      return {
        ...toSummary(row),
        publishedAt: row.published_at ? new Date(row.published_at) : null,
        retentionMonths: row.retention_months,
        ownerId: row.owner_id,
        ownerName: owner?.display_name ?? null,
        outcomeDueOn: row.outcome_due_set ? isoLondonDate(new Date(row.outcome_due_at)) : null,
        contact: {
          name: row.contact_name,
          email: row.contact_email,
          phone: row.contact_phone,
          address: row.contact_address,
        },
        sections,
        links,
        documents,
        termSlugs: Object.fromEntries(TAXONOMIES.map((t, i) => [t, termLists[i] ?? []])) as Record<Taxonomy, string[]>,
        updatedAt: new Date(row.updated_at),
      }
    },

    async findIdBySlug(slug: string): Promise<number | null> {
      const row = await db('consultations').where({ slug }).first<{ id: number } | undefined>('id')
      return row ? row.id : null
    },

    /** Whether a user may own consultations: any active officer. */
    async isActiveOfficer(userId: number, trx: Knex = db): Promise<boolean> {
      return (await trx('users').where({ id: userId, active: true }).first('id')) != null
    },

    async slugTaken(slug: string, exceptId?: number, trx: Knex = db): Promise<boolean> {
      const query = trx('consultations').where({ slug })
      if (exceptId) query.whereNot({ id: exceptId })
      return (await query.first('id')) != null
    },

    async insert(trx: Knex, draft: ConsultationDraft, searchText: string): Promise<number> {
      const { id } = onlyRow(
        await trx('consultations').insert(columnsOf(draft, searchText)).returning<{ id: number }[]>('id'),
      )
      await replaceChildren(trx, id, draft)
      return id
    },

    async update(trx: Knex, id: number, draft: ConsultationDraft, searchText: string): Promise<void> {
      await trx('consultations')
        .where({ id })
        .update({ ...columnsOf(draft, searchText), updated_at: trx.fn.now() })
      await replaceChildren(trx, id, draft)
    },

    async setPublishedAt(trx: Knex, id: number, publishedAt: Date | null): Promise<void> {
      await trx('consultations').where({ id }).update({ published_at: publishedAt, updated_at: trx.fn.now() })
    },

    async copyDocuments(trx: Knex, fromId: number, toId: number): Promise<void> {
      await trx.raw(
        `INSERT INTO consultation_documents
           (consultation_id, position, title, filename, content_type, size_bytes, content, format, format_language)
         SELECT ?, position, title, filename, content_type, size_bytes, content, format, format_language
         FROM consultation_documents WHERE consultation_id = ?`,
        [toId, fromId],
      )
    },

    async insertDocument(trx: Knex, consultationId: number, document: NewDocument): Promise<number> {
      const max = await trx('consultation_documents')
        .where({ consultation_id: consultationId })
        .max<{ max: number | null }[]>({ max: 'position' })
        .first()
      const rows = await trx('consultation_documents')
        .insert({
          consultation_id: consultationId,
          position: (max?.max ?? -1) + 1,
          title: document.title,
          filename: document.filename,
          content_type: document.contentType,
          size_bytes: document.content.length,
          content: document.content,
          format: document.format ?? null,
          format_language: document.formatLanguage ?? null,
        })
        .returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async deleteDocument(trx: Knex, consultationId: number, documentId: number): Promise<boolean> {
      return (
        (await trx('consultation_documents').where({ consultation_id: consultationId, id: documentId }).delete()) > 0
      )
    },

    /** A document with its bytes; `publishedBy` limits it to consultations the public can see. */
    async findDocument(
      consultation: { slug?: string; id?: number },
      documentId: number,
      publishedBy?: Date,
    ): Promise<StoredDocument | null> {
      const query = db('consultation_documents')
        .join('consultations', 'consultations.id', 'consultation_documents.consultation_id')
        .where('consultation_documents.id', documentId)
        .first<DocumentRow | undefined>('consultation_documents.*')
      if (consultation.slug) query.where('consultations.slug', consultation.slug)
      if (consultation.id) query.where('consultations.id', consultation.id)
      if (publishedBy)
        query.whereNotNull('consultations.published_at').where('consultations.published_at', '<=', publishedBy)
      const row = await query
      if (!row) return null
      return {
        id: row.id,
        consultationId: row.consultation_id,
        title: row.title,
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: row.size_bytes,
        format: row.format,
        formatLanguage: row.format_language,
        content: Buffer.from(row.content),
      }
    },
  }
}

export type ConsultationAdminRepository = ReturnType<typeof createConsultationAdminRepository>
