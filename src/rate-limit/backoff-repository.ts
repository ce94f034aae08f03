import type { Knex } from 'knex'

/** How one family of keys backs off; times in milliseconds. */
export interface BackoffRule {
  /** Names the key family, e.g. "sign-in:pair". */
  name: string
  /** Attempts allowed in a window before each further one must wait. */
  free: number
  /** The first wait, doubled after each further attempt, up to maxMs. */
  baseMs: number
  maxMs: number
  /** A window starts at a key's first attempt; after it, the key starts afresh. */
  windowMs: number
}

/**
 * Counts one attempt unless the key is backed off, and sets when the next may come: in one statement,
 * so concurrent attempts on one key, from any instance, are counted one after another. An attempt
 * within the free allowance, or in a new window, is never refused, whatever time the request carries.
 */
const TAKE_ATTEMPT = `
  INSERT INTO sign_in_backoffs AS b (key, attempts, window_started_at, next_allowed_at)
  VALUES (:key, 1, CAST(:now AS timestamptz), CAST(:firstNextAllowedAt AS timestamptz))
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN b.window_started_at <= CAST(:windowCutoff AS timestamptz) THEN 1 ELSE b.attempts + 1 END,
    window_started_at = CASE
      WHEN b.window_started_at <= CAST(:windowCutoff AS timestamptz) THEN CAST(:now AS timestamptz)
      ELSE b.window_started_at
    END,
    next_allowed_at = CAST(:now AS timestamptz) + make_interval(secs => CASE
      WHEN b.window_started_at <= CAST(:windowCutoff AS timestamptz) OR b.attempts + 1 < CAST(:free AS integer) THEN 0
      ELSE least(CAST(:maxMs AS float8), CAST(:baseMs AS float8) * power(2, b.attempts + 1 - CAST(:free AS integer)))
    END / 1000)
  WHERE b.attempts < CAST(:free AS integer)
     OR b.window_started_at <= CAST(:windowCutoff AS timestamptz)
     OR b.next_allowed_at <= CAST(:now AS timestamptz)
  RETURNING attempts`

export function createBackoffRepository(db: Knex) {
  return {
    /** The key's attempts in its window, this one counted; null, counting nothing, while it is backed off. */
    async take(rule: BackoffRule, key: string, now: Date, firstNextAllowedAt: Date): Promise<number | null> {
      const result = await db.raw<{ rows: { attempts: number }[] }>(TAKE_ATTEMPT, {
        key,
        now,
        firstNextAllowedAt,
        windowCutoff: new Date(now.getTime() - rule.windowMs),
        free: rule.free,
        baseMs: rule.baseMs,
        maxMs: rule.maxMs,
      })
      return result.rows[0]?.attempts ?? null
    },

    async nextAllowedAt(key: string): Promise<Date | null> {
      const row = await db('sign_in_backoffs').where({ key }).first<{ next_allowed_at: Date } | undefined>()
      return row ? new Date(row.next_allowed_at) : null
    },

    /** Gives back one attempt, and the wait it started if it was within the free allowance. */
    async refund(rule: BackoffRule, key: string, now: Date): Promise<void> {
      await db.raw(
        `UPDATE sign_in_backoffs
         SET attempts = attempts - 1,
             next_allowed_at = CASE WHEN attempts - 1 < :free THEN least(next_allowed_at, :now) ELSE next_allowed_at END
         WHERE key = :key AND attempts > 0`,
        { key, now, free: rule.free },
      )
    },

    async clear(key: string): Promise<void> {
      await db('sign_in_backoffs').where({ key }).delete()
    },

    /** Forgets the family's keys whose window has ended and that are not backed off. */
    async deleteExpired(rule: BackoffRule, now: Date): Promise<void> {
      await db('sign_in_backoffs')
        .where('key', 'like', `${rule.name}:%`)
        .where('window_started_at', '<=', new Date(now.getTime() - rule.windowMs))
        .where('next_allowed_at', '<=', now)
        .delete()
    },
  }
}

export type BackoffRepository = ReturnType<typeof createBackoffRepository>
