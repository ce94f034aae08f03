import type { Knex } from 'knex'

/** Named keys for pg_advisory_xact_lock, so instances sharing a database never run the same job at once. */
export const ADVISORY_LOCKS = {
  seedEmptyDatabase: 7_340_001,
  purgePersonalData: 7_340_002,
  sessionCleanup: 7_340_003,
  migrations: 7_340_004,
  draftExpiry: 7_340_005,
  firstAdmin: 7_340_006,
  officerEmails: 7_340_007,
  closingReminders: 7_340_008,
  rateLimitCleanup: 7_340_009,
  officerMilestones: 7_340_010,
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

/**
 * Like withAdvisoryLock, but when another instance holds the lock it does not wait: `work` is skipped and
 * the result is `{ ran: false }`. For scheduled jobs that one instance runs while the others carry on.
 */
export async function withAdvisoryLockIfFree<T>(
  db: Knex,
  key: number,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return db.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: { locked: boolean }[] }>('SELECT pg_try_advisory_xact_lock(?) AS locked', [
      key,
    ])
    if (!rows[0]?.locked) return { ran: false }
    return { ran: true, result: await work(trx) }
  })
}
