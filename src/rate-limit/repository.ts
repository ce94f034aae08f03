import type { Knex } from 'knex'

export function createRateLimitRepository(db: Knex) {
  return {
    /** Adds one to the counter and returns its new value, atomically across instances. */
    async increment(key: string, windowStart: Date): Promise<number> {
      const result = await db.raw<{ rows: { count: number }[] }>(
        `INSERT INTO rate_limit_counters (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
         RETURNING count`,
        [key, windowStart],
      )
      return result.rows[0]?.count ?? 0
    },

    async count(key: string, windowStart: Date): Promise<number> {
      const row = await db('rate_limit_counters')
        .where({ key, window_start: windowStart })
        .first<{ count: number } | undefined>('count')
      return row?.count ?? 0
    },

    async clear(key: string): Promise<void> {
      await db('rate_limit_counters').where({ key }).delete()
    },

    /** Forgets the counters of windows begun before `cutoff`; `trx` holds the clean-up's advisory lock. */
    async removeBegunBefore(trx: Knex.Transaction, cutoff: Date): Promise<number> {
      // RETURNING, since PGlite's driver does not give a count for a DELETE.
      const deleted = await trx('rate_limit_counters').where('window_start', '<', cutoff).delete().returning('key')
      return deleted.length
    },
  }
}

export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>
