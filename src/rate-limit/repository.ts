import type { Knex } from 'knex'

/** One count: a limit's key, in the window that began at `windowStart`. */
export interface Counter {
  key: string
  windowStart: Date
}

const COUNTERS = 'unnest(:keys::text[], :starts::timestamptz[]) AS c(key, window_start)'
/** Adds one to each counter, atomically across instances. */
const INCREMENT = `
  INSERT INTO rate_limit_counters (key, window_start, count) SELECT key, window_start, 1 FROM ${COUNTERS}
  ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
  RETURNING key, count`
const COUNT = `
  SELECT r.key, r.count FROM ${COUNTERS}
  JOIN rate_limit_counters r ON r.key = c.key AND r.window_start = c.window_start`

/** The counters' values, in their order; none stored is 0. Each counter's key is its own. */
async function countsOf(db: Knex, sql: string, counters: readonly Counter[]): Promise<number[]> {
  const result = await db.raw<{ rows: { key: string; count: number }[] }>(sql, {
    keys: counters.map((counter) => counter.key),
    starts: counters.map((counter) => counter.windowStart.toISOString()),
  })
  const counts = new Map(result.rows.map((row) => [row.key, row.count]))
  return counters.map((counter) => counts.get(counter.key) ?? 0)
}

export function createRateLimitRepository(db: Knex) {
  return {
    /**
     * Adds one to each counter and gives their new values, atomically across instances, in one statement; in
     * `trx` when given, so that the count is undone if what it counts is.
     */
    increment: (counters: readonly Counter[], trx: Knex = db): Promise<number[]> => countsOf(trx, INCREMENT, counters),

    /** Each counter's value, in one statement. */
    count: (counters: readonly Counter[]): Promise<number[]> => countsOf(db, COUNT, counters),

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
