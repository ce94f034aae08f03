import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import { slugify } from '../shared/slug'
import type { ConsultationAdminRepository } from './admin-repository'
import type { AdminConsultation, AdminListFilter, AdminListItem, ConsultationDraft, NewDocument } from './admin-types'
import type { ConsultationRepository } from './repository'
import type { PreviewDetail, Section } from './types'

export interface ConsultationEditingDeps {
  db: Knex
  consultations: ConsultationRepository
  admin: ConsultationAdminRepository
  audit: AuditService
  now: () => Date
  searchTextOf: (input: { sections: Section[] }) => string
  onPublish?: (trx: Knex, consultationId: number) => Promise<unknown>
}

export type SaveResult = { ok: true; id: number } | { ok: false; field: 'slug' | 'ownerId'; error: string }

const SLUG_TAKEN = {
  ok: false as const,
  field: 'slug' as const,
  error: 'Another consultation already uses this web address',
}
const OWNER_INACTIVE = { ok: false as const, field: 'ownerId' as const, error: 'Choose an officer who can sign in' }

/** What the audit log keeps of a consultation: its fields, not its document bytes. */
const auditView = (c: ConsultationDraft & { publishedAt?: Date | null }) => ({
  title: c.title,
  slug: c.slug,
  summary: c.summary,
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  outcomeDueOn: c.outcomeDueOn,
  contact: c.contact,
  sections: c.sections.map((s) => s.heading ?? ''),
  links: c.links.map((l) => l.url),
  terms: c.termSlugs,
  retentionMonths: c.retentionMonths,
  publishedAt: c.publishedAt ?? null,
  ownerId: c.ownerId ?? null,
})

/** Officers' writes to consultations. Each keeps search_text in step and is audited in the same transaction. */
export function createConsultationEditing({
  db,
  consultations,
  admin,
  audit,
  now,
  searchTextOf,
  onPublish = () => Promise.resolve(),
}: ConsultationEditingDeps) {
  async function freeSlug(base: string, trx: Knex): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base}-${n}`
      if (!(await admin.slugTaken(candidate, undefined, trx))) return candidate
    }
  }

  /** The owner a save asks for is an active officer (or none). */
  const ownerUsable = async (ownerId: number | null | undefined, trx: Knex) =>
    ownerId == null || (await admin.isActiveOfficer(ownerId, trx))

  async function setPublished(actor: Actor, id: number, publish: boolean): Promise<boolean> {
    return db.transaction(async (trx) => {
      const before = await admin.findById(id, now(), trx)
      if (!before) return false
      const publishedAt = publish
        ? before.publishedAt && before.publishedAt <= now()
          ? before.publishedAt
          : now()
        : null
      await admin.setPublishedAt(trx, id, publishedAt)
      await audit.record(
        actor,
        {
          action: publish ? 'consultation.publish' : 'consultation.unpublish',
          entityType: 'consultation',
          entityId: id,
          consultationId: id,
          before: { publishedAt: before.publishedAt },
          after: { publishedAt },
        },
        trx,
      )
      if (publish) await onPublish(trx, id)
      return true
    })
  }

  return {
    async listForAdmin(filter: AdminListFilter): Promise<AdminListItem[]> {
      const rows = await admin.list(filter, now())
      const counts = await admin.responseCounts(rows.map((row) => row.id))
      return rows.map((row) => ({
        ...row,
        opensAt: new Date(row.opensAt),
        closesAt: new Date(row.closesAt),
        publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
        responseCount: counts.get(row.id) ?? 0,
      }))
    },

    getForAdmin: (id: number): Promise<AdminConsultation | null> => admin.findById(id, now()),

    async getForAdminBySlug(slug: string): Promise<AdminConsultation | null> {
      const id = await admin.findIdBySlug(slug)
      return id ? admin.findById(id, now()) : null
    },

    /** The public page as it will look once published, whatever the consultation's state. */
    getPreview: (id: number): Promise<PreviewDetail | null> => consultations.findDetailById(id, now()),

    async create(actor: Actor, draft: ConsultationDraft): Promise<SaveResult> {
      return db.transaction(async (trx) => {
        const slug = draft.slug || (await freeSlug(slugify(draft.title) || 'consultation', trx))
        if (await admin.slugTaken(slug, undefined, trx)) return SLUG_TAKEN
        // The officer who creates a consultation owns it unless the form names another.
        const saved = { ...draft, slug, ownerId: draft.ownerId === undefined ? actor.id : draft.ownerId }
        if (!(await ownerUsable(saved.ownerId, trx))) return OWNER_INACTIVE
        const id = await admin.insert(trx, saved, searchTextOf(saved))
        await audit.record(
          actor,
          {
            action: 'consultation.create',
            entityType: 'consultation',
            entityId: id,
            consultationId: id,
            after: auditView(saved),
          },
          trx,
        )
        return { ok: true as const, id }
      })
    },

    async update(actor: Actor, id: number, draft: ConsultationDraft): Promise<SaveResult | null> {
      return db.transaction(async (trx) => {
        const before = await admin.findById(id, now(), trx)
        if (!before) return null
        const slug = draft.slug || before.slug
        if (await admin.slugTaken(slug, id, trx)) return SLUG_TAKEN
        const saved = { ...draft, slug, ownerId: draft.ownerId === undefined ? before.ownerId : draft.ownerId }
        // An owner who has since left may stay; only a change must name an active officer.
        if (saved.ownerId !== before.ownerId && !(await ownerUsable(saved.ownerId, trx))) return OWNER_INACTIVE
        await admin.update(trx, id, saved, searchTextOf(saved))
        await audit.record(
          actor,
          {
            action: 'consultation.update',
            entityType: 'consultation',
            entityId: id,
            consultationId: id,
            before: auditView(before),
            after: auditView({ ...saved, publishedAt: before.publishedAt }),
          },
          trx,
        )
        return { ok: true as const, id }
      })
    },

    publish: (actor: Actor, id: number) => setPublished(actor, id, true),
    unpublish: (actor: Actor, id: number) => setPublished(actor, id, false),

    /** Copies a consultation, its documents included, as a new draft. */
    async clone(actor: Actor, id: number): Promise<number | null> {
      return db.transaction(async (trx) => {
        const source = await admin.findById(id, now(), trx)
        if (!source) return null
        const copy: ConsultationDraft = {
          ...source,
          title: `Copy of ${source.title}`,
          slug: await freeSlug(`copy-of-${source.slug}`.slice(0, 180), trx),
          ownerId: actor.id,
        }
        const newId = await admin.insert(trx, copy, searchTextOf(copy))
        await admin.copyDocuments(trx, id, newId)
        await audit.record(
          actor,
          {
            action: 'consultation.clone',
            entityType: 'consultation',
            entityId: newId,
            consultationId: newId,
            before: { clonedFrom: id },
            after: auditView(copy),
          },
          trx,
        )
        return newId
      })
    },

    async addDocument(actor: Actor, consultationId: number, document: NewDocument): Promise<number> {
      return db.transaction(async (trx) => {
        const documentId = await admin.insertDocument(trx, consultationId, document)
        await audit.record(
          actor,
          {
            action: 'document.upload',
            entityType: 'document',
            entityId: documentId,
            consultationId,
            after: {
              title: document.title,
              filename: document.filename,
              contentType: document.contentType,
              sizeBytes: document.content.length,
              format: document.format ?? null,
              formatLanguage: document.formatLanguage ?? null,
            },
          },
          trx,
        )
        return documentId
      })
    },

    async removeDocument(actor: Actor, consultationId: number, documentId: number): Promise<boolean> {
      return db.transaction(async (trx) => {
        const removed = await admin.deleteDocument(trx, consultationId, documentId)
        if (removed)
          await audit.record(
            actor,
            { action: 'document.delete', entityType: 'document', entityId: documentId, consultationId },
            trx,
          )
        return removed
      })
    },

    /** The public copy of a document: only for consultations the public can see. */
    publicDocument: (slug: string, documentId: number) => admin.findDocument({ slug }, documentId, now()),
    adminDocument: (consultationId: number, documentId: number) =>
      admin.findDocument({ id: consultationId }, documentId),
  }
}
