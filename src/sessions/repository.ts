import type { Knex } from 'knex'
import type { SessionData } from 'express-session'

/**
 * Sessions' read, with their extension, as one statement written out once: it runs for the requests that carry
 * a session, and building it with the query builder each time cost more than the rest of the read.
 */
const FIND_AND_EXTEND = `
  WITH extended AS (
    UPDATE sessions SET expired = :to WHERE sid = ANY(:sids::text[]) AND expired > :now AND expired < :ifBefore
  )
  SELECT sid, sess FROM sessions WHERE sid = ANY(:sids::text[]) AND expired > :now`

/** Sessions' writes, as one statement written out once: each row is inserted, or replaces the stored one. */
const SAVE_MANY = `
  INSERT INTO sessions (sid, sess, expired)
  SELECT sid, sess::json, expired
  FROM unnest(:sids::text[], :data::text[], :expiries::timestamptz[]) AS s(sid, sess, expired)
  ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expired = excluded.expired`

/** The `sessions` table: one row per stored session, its data as JSON and the time it expires. */
export function createSessionRepository(db: Knex) {
  /** Stores each session, with the time it expires, in one statement; at most one entry a session. */
  async function saveMany(sessions: ReadonlyMap<string, { data: SessionData; expires: Date }>): Promise<void> {
    const entries = [...sessions]
    await db.raw(SAVE_MANY, {
      sids: entries.map(([sid]) => sid),
      data: entries.map(([, { data }]) => JSON.stringify(data)),
      expiries: entries.map(([, { expires }]) => expires.toISOString()),
    })
  }

  return {
    /**
     * The data of those of the sessions that have not expired, by id. In the same statement, their expiry moves
     * to `extend.to` when it is earlier than `extend.ifBefore`, so that a session in use is kept without a write
     * on every request.
     */
    async findMany(
      sids: readonly string[],
      now: Date,
      extend: { to: Date; ifBefore: Date },
    ): Promise<Map<string, SessionData>> {
      const result: { rows: { sid: string; sess: unknown }[] } = await db.raw(FIND_AND_EXTEND, {
        sids: [...sids],
        now,
        ...extend,
      })
      return new Map(
        result.rows.map((row) => [
          row.sid,
          (typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess) as SessionData,
        ]),
      )
    },

    saveMany,

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
