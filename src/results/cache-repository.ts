import type { Knex } from 'knex'

export function createResultsCacheRepository(db: Knex) {
  return {
    /**
     * Names the consultation's current set of responses: ids only ever grow, so any insert or delete
     * changes the count or the highest id, and the same pair always means the same responses.
     */
    async responsesStamp(consultationId: number): Promise<string> {
      const row = await db('responses')
        .where({ consultation_id: consultationId })
        // The bigint may come back as a string; either way it is written out as its digits.
        .first<{ count: number; last: number | string } | undefined>(
          db.raw('count(*)::int as count'),
          db.raw('coalesce(max(id), 0)::bigint as last'),
        )
      return `${row?.count ?? 0}:${row?.last ?? 0}`
    },

    async find(consultationId: number, key: string, stamp: string): Promise<{ value: unknown } | null> {
      const row = await db('results_cache')
        .where({ consultation_id: consultationId, cache_key: key, responses_stamp: stamp })
        .first<{ value: unknown } | undefined>('value')
      return row ? { value: row.value } : null
    },

    /** Keeps a computed value, and drops whatever was computed from an earlier set of responses. */
    async store(consultationId: number, key: string, stamp: string, value: unknown): Promise<void> {
      // Two statements, each its own transaction, so two views racing with a new response hold no locks on each other.
      await db('results_cache').where({ consultation_id: consultationId }).whereNot({ responses_stamp: stamp }).delete()
      await db('results_cache')
        .insert({
          consultation_id: consultationId,
          cache_key: key,
          responses_stamp: stamp,
          value: JSON.stringify(value),
          computed_at: db.fn.now(),
        })
        .onConflict(['consultation_id', 'cache_key'])
        .merge()
    },
  }
}

export type ResultsCacheRepository = ReturnType<typeof createResultsCacheRepository>
