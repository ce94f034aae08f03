import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import type { SessionRepository } from './repository'
import { DatabaseSessionStore } from './store'

/** Sessions: the store express-session reads and writes, and the clean-up of expired ones. */
export function createSessionService({
  db,
  sessions,
  now,
}: {
  db: Knex
  sessions: SessionRepository
  now: () => Date
}) {
  return {
    store: new DatabaseSessionStore(sessions, now),

    /** Deletes expired sessions, on one instance at a time; another that finds it running skips this turn. */
    removeExpired: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.sessionCleanup, (trx) => sessions.removeExpired(trx, now())),
  }
}

export type SessionService = ReturnType<typeof createSessionService>
