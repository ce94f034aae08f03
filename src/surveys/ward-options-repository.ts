import type { Knex } from 'knex'

/** The council's current wards, for the About you page: not retired, and not "All Areas". */
export async function listWardNames(db: Knex): Promise<string[]> {
  return db('wards').whereNull('retired_at').where({ covers_all_areas: false }).orderBy('name').pluck('name')
}
