/** The parts of the finder's query that alert matching and the events list share: keyword search and tags. */
import type { Knex } from 'knex'
import { JOIN_TABLES } from './repository'
import type { Taxonomy } from './types'

export const SEARCH_CONFIG = 'english'

/**
 * websearch_to_tsquery stacks one NOT per minus sign that waits for a word, and fails past 32 of them
 * ("tsquery stack too small"): a run of minus signs, with only spaces or the characters it skips
 * between them, means one NOT.
 */
export const webSearchText = (search: string): string => search.replace(/-(?:[\s!&|()<]*-)+/g, '-')

/**
 * A subquery for whereExists: the consultation in the outer query is tagged with one of the slugs (a list, or a
 * query giving them); for wards, "All Areas" counts as every ward.
 */
export function consultationTaggedWithAny(
  db: Knex,
  taxonomy: Taxonomy,
  slugs: string[] | Knex.QueryBuilder,
): Knex.QueryBuilder {
  const { table, termColumn } = JOIN_TABLES[taxonomy]
  return db(table)
    .select(db.raw('1'))
    .join(taxonomy, `${taxonomy}.id`, `${table}.${termColumn}`)
    .whereRaw('??.consultation_id = consultations.id', [table])
    .where((where) => {
      where.whereIn(`${taxonomy}.slug`, slugs)
      if (taxonomy === 'wards') where.orWhere('wards.covers_all_areas', true)
    })
}
