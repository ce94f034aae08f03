import type { Knex } from 'knex'
import type { Taxonomy, Term } from '../consultations/types'

export interface NewTerm extends Term {
  coversAllAreas?: boolean
}

export function createTaxonomyRepository(db: Knex) {
  return {
    /** Inserts terms that are new and renames existing ones, matched by slug. */
    async upsert(taxonomy: Taxonomy, terms: NewTerm[], trx: Knex = db): Promise<void> {
      if (terms.length === 0) return
      const rows = terms.map((term) => ({
        slug: term.slug,
        name: term.name,
        ...(taxonomy === 'wards' ? { covers_all_areas: term.coversAllAreas ?? false } : {}),
      }))
      await trx(taxonomy).insert(rows).onConflict('slug').merge()
    },

    async list(taxonomy: Taxonomy): Promise<Term[]> {
      return db(taxonomy).whereNull('retired_at').orderBy('name').select<Term[]>('slug', 'name')
    },
  }
}

export type TaxonomyRepository = ReturnType<typeof createTaxonomyRepository>
