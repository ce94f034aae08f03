import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import type { Taxonomy } from '../consultations/types'
import { slugify } from '../shared/slug'
import type { ManagedTerm, TaxonomyRepository } from './repository'

export const TAXONOMY_LABELS: Record<Taxonomy, { plural: string; singular: string }> = {
  wards: { plural: 'Wards', singular: 'ward' },
  audiences: { plural: 'Audiences', singular: 'audience' },
  topics: { plural: 'Topics', singular: 'topic' },
}

export type TermResult = { ok: true } | { ok: false; error: string }

/** Officers add, rename, retire and restore terms. A term in use can only be retired, never deleted. */
export function createTaxonomyService({
  db,
  taxonomies,
  audit,
  now,
}: {
  db: Knex
  taxonomies: TaxonomyRepository
  audit: AuditService
  now: () => Date
}) {
  const entityType = (taxonomy: Taxonomy) => TAXONOMY_LABELS[taxonomy].singular

  async function change(
    actor: Actor,
    taxonomy: Taxonomy,
    id: number,
    action: string,
    work: (term: ManagedTerm, trx: Knex) => Promise<TermResult & { after?: Record<string, unknown> }>,
  ): Promise<TermResult> {
    const term = await taxonomies.findManaged(taxonomy, id)
    if (!term) return { ok: false, error: 'That term no longer exists' }
    return db.transaction(async (trx) => {
      const result = await work(term, trx)
      if (result.ok) {
        await audit.record(
          actor,
          {
            action: `${entityType(taxonomy)}.${action}`,
            entityType: entityType(taxonomy),
            entityId: id,
            before: { name: term.name, retired: term.retired },
            after: result.after ?? {},
          },
          trx,
        )
      }
      return result.ok ? { ok: true as const } : result
    })
  }

  return {
    listManaged: (taxonomy: Taxonomy) => taxonomies.listManaged(taxonomy),
    listActive: (taxonomy: Taxonomy) => taxonomies.list(taxonomy),

    async add(actor: Actor, taxonomy: Taxonomy, name: string): Promise<TermResult> {
      const slug = slugify(name)
      if (!slug) return { ok: false, error: 'Enter a name with at least one letter or number' }
      if (await taxonomies.slugTaken(taxonomy, slug))
        return { ok: false, error: `A ${entityType(taxonomy)} with this name already exists` }
      await db.transaction(async (trx) => {
        const id = await taxonomies.insert(taxonomy, { slug, name }, trx)
        await audit.record(
          actor,
          {
            action: `${entityType(taxonomy)}.add`,
            entityType: entityType(taxonomy),
            entityId: id,
            after: { name, slug },
          },
          trx,
        )
      })
      return { ok: true }
    },

    /** Renaming keeps the slug, so links to the finder keep working. */
    rename: (actor: Actor, taxonomy: Taxonomy, id: number, name: string) =>
      change(actor, taxonomy, id, 'rename', async (_term, trx) => {
        await taxonomies.update(taxonomy, id, { name }, trx)
        return { ok: true, after: { name } }
      }),

    retire: (actor: Actor, taxonomy: Taxonomy, id: number) =>
      change(actor, taxonomy, id, 'retire', async (_term, trx) => {
        await taxonomies.update(taxonomy, id, { retired_at: now() }, trx)
        return { ok: true, after: { retired: true } }
      }),

    restore: (actor: Actor, taxonomy: Taxonomy, id: number) =>
      change(actor, taxonomy, id, 'restore', async (_term, trx) => {
        await taxonomies.update(taxonomy, id, { retired_at: null }, trx)
        return { ok: true, after: { retired: false } }
      }),

    remove: (actor: Actor, taxonomy: Taxonomy, id: number) =>
      change(actor, taxonomy, id, 'delete', async (term, trx) => {
        if (term.usage > 0)
          return {
            ok: false,
            error:
              `“${term.name}” is used by ${term.usage} consultation${term.usage === 1 ? '' : 's'}, ` +
              'so it can only be retired',
          }
        await taxonomies.delete(taxonomy, id, trx)
        return { ok: true, after: { deleted: true } }
      }),
  }
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>
