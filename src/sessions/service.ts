import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLockIfFree } from '../db/locks'
import type { SessionRepository } from './repository'
import { DatabaseSessionStore } from './store'

/**
 * Sessions: the store express-session reads and writes, and the clean-up of expired ones. Both keep real time,
 * as the session cookie's expiry does, not the services' clock, which tests move to open and close consultations.
 */
export function createSessionService({ db, sessions }: { db: Knex; sessions: SessionRepository }) {
  return {
    store: new DatabaseSessionStore(sessions),

    /** Deletes expired sessions, on one instance at a time; another that finds it running skips this turn. */
    removeExpired: () =>
      withAdvisoryLockIfFree(db, ADVISORY_LOCKS.sessionCleanup, (trx) => sessions.removeExpired(trx, new Date())),
  }
}

export type SessionService = ReturnType<typeof createSessionService>
