import type { Knex } from 'knex'
import type { SessionData } from 'express-session'

/**
 * A session's read, with its extension, as one statement written out once: it runs on every request that
 * carries a session, and building it with the query builder each time cost more than the rest of the read.
 */
const FIND_AND_EXTEND = `
  WITH extended AS (
    UPDATE sessions SET expired = :to WHERE sid = :sid AND expired > :now AND expired < :ifBefore
  )
  SELECT sess FROM sessions WHERE sid = :sid AND expired > :now LIMIT 1`

/** The `sessions` table: one row per stored session, its data as JSON and the time it expires. */
export function createSessionRepository(db: Knex) {
  return {
    /**
     * The session's data if it has not expired. In the same statement, its expiry moves to `extend.to` when it
     * is earlier than `extend.ifBefore`, so that a session in use is kept without a write on every request.
     */
    async find(sid: string, now: Date, extend: { to: Date; ifBefore: Date }): Promise<SessionData | null> {
      const result: { rows: { sess: unknown }[] } = await db.raw(FIND_AND_EXTEND, { sid, now, ...extend })
      const row = result.rows[0]
      if (!row) return null
      return (typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess) as SessionData
    },

    async save(sid: string, data: SessionData, expires: Date): Promise<void> {
      await db('sessions')
        .insert({ sid, sess: JSON.stringify(data), expired: expires })
        .onConflict('sid')
        .merge(['sess', 'expired'])
    },

    async remove(sid: string): Promise<void> {
      await db('sessions').where('sid', sid).delete()
    },

    /** Deletes expired sessions; `trx` holds the clean-up's advisory lock. */
    async removeExpired(trx: Knex.Transaction, now: Date): Promise<number> {
      // RETURNING, since PGlite's driver does not give a count for a DELETE.
      const deleted = await trx('sessions').where('expired', '<=', now).delete().returning<{ sid: string }[]>('sid')
      return deleted.length
    },
  }
}

export type SessionRepository = ReturnType<typeof createSessionRepository>
