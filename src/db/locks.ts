import type { Knex } from 'knex'

/** Named keys for pg_advisory_xact_lock, so instances sharing a database never run the same job at once. */
export const ADVISORY_LOCKS = {
  seedEmptyDatabase: 7_340_001,
} as const

/** Runs `work` in a transaction that holds the advisory lock until it commits or rolls back. */
export async function withAdvisoryLock<T>(
  db: Knex,
  key: number,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [key])
    return work(trx)
  })
}
