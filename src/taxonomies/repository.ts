import type { Knex } from 'knex'
import { JOIN_TABLES } from '../consultations/repository'
import type { Taxonomy, Term } from '../consultations/types'
import { onlyRow } from '../db/rows'

export interface NewTerm extends Term {
  coversAllAreas?: boolean
}

export interface ManagedTerm extends Term {
  id: number
  retired: boolean
  usage: number
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

    /** Every term, retired ones too, with how many consultations use it. */
    async listManaged(taxonomy: Taxonomy): Promise<ManagedTerm[]> {
      const { table, termColumn } = JOIN_TABLES[taxonomy]
      const rows = await db(taxonomy)
        .leftJoin(table, `${table}.${termColumn}`, `${taxonomy}.id`)
        .groupBy(`${taxonomy}.id`)
        .orderBy(`${taxonomy}.name`)
        .select(`${taxonomy}.id`, `${taxonomy}.slug`, `${taxonomy}.name`, `${taxonomy}.retired_at`)
        .select<{ id: number; slug: string; name: string; retired_at: Date | null; usage: number }[]>(
          db.raw(`count(${table}.consultation_id)::int as usage`),
        )
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        name: row.name,
        retired: row.retired_at != null,
        usage: row.usage,
      }))
    },

    async findManaged(taxonomy: Taxonomy, id: number): Promise<ManagedTerm | null> {
      return (await this.listManaged(taxonomy)).find((term) => term.id === id) ?? null
    },

    async slugTaken(taxonomy: Taxonomy, slug: string): Promise<boolean> {
      return (await db(taxonomy).where({ slug }).first('id')) != null
    },

    async insert(taxonomy: Taxonomy, term: Term, trx: Knex = db): Promise<number> {
      const rows = await trx(taxonomy).insert({ slug: term.slug, name: term.name }).returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async update(
      taxonomy: Taxonomy,
      id: number,
      changes: { name?: string; retired_at?: Date | null },
      trx: Knex = db,
    ): Promise<void> {
      await trx(taxonomy)
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now() })
    },

    async delete(taxonomy: Taxonomy, id: number, trx: Knex = db): Promise<void> {
      await trx(taxonomy).where({ id }).delete()
    },
  }
}

export type TaxonomyRepository = ReturnType<typeof createTaxonomyRepository>
