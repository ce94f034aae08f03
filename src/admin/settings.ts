import type { Knex } from 'knex'

/** Site-wide settings that admins change, stored as JSON by key. */
export function createSettingsRepository(db: Knex) {
  return {
    async get<T>(key: string, fallback: T): Promise<T> {
      const row = await db('site_settings').where({ key }).first<{ value: unknown } | undefined>('value')
      if (!row) return fallback
      return (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as T
    },
    async set(key: string, value: unknown, trx: Knex = db): Promise<void> {
      await trx('site_settings')
        .insert({ key, value: JSON.stringify(value), updated_at: trx.fn.now() })
        .onConflict('key')
        .merge()
    },
  }
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>
export const REQUIRE_TWO_FACTOR = 'require_two_factor'
