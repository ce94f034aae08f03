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

/** Counters a statement counts against as it stores what they limit, each with its limit, in the same order. */
export interface CountedLimits {
  counters: readonly Counter[]
  limits: readonly number[]
}

/** No counters: what is stored is counted against nothing. */
export const NO_COUNTED_LIMITS: CountedLimits = { counters: [], limits: [] }

/**
 * For a CTE of a statement that also defines `countable`, a row when what is limited is to be counted (bound with
 * countedLimitsParams): adds one to each counter still under its limit, and returns the keys it added to. A
 * counter at its limit is left as it is.
 */
export const COUNT_UNDER_LIMITS = `
  INSERT INTO rate_limit_counters AS counter (key, window_start, count)
  SELECT c.key, c.window_start, 1
  FROM unnest(:counterKeys::text[], :counterStarts::timestamptz[]) AS c(key, window_start)
  WHERE EXISTS (SELECT 1 FROM countable)
  ON CONFLICT (key, window_start) DO UPDATE SET count = counter.count + 1
    WHERE counter.count < (:counterLimits::int[])[array_position(:counterKeys::text[], counter.key)]
  RETURNING counter.key`

export const countedLimitsParams = ({ counters, limits }: CountedLimits) => ({
  counterKeys: counters.map((counter) => counter.key),
  counterStarts: counters.map((counter) => counter.windowStart.toISOString()),
  counterLimits: [...limits],
})

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
    /** Adds one to each counter and gives their new values, atomically across instances, in one statement. */
    increment: (counters: readonly Counter[]): Promise<number[]> => countsOf(db, INCREMENT, counters),

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
