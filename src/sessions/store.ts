import session, { type SessionData } from 'express-session'
import { batched, batchedReads } from '../shared/batched'
import type { SessionRepository } from './repository'

type Callback<T = void> = (err?: unknown, result?: T | null) => void

/** Residents' survey answers must survive at least 24 hours of inactivity. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000
/**
 * Extra time on a stored session's expiry. A read moves the expiry only when less than SESSION_IDLE_MS is left,
 * and then to SESSION_IDLE_MS plus this from now: a session in use is written at most once an hour, and is
 * always kept for at least SESSION_IDLE_MS after its last request.
 */
const EXTENSION_SLACK_MS = 60 * 60 * 1000

/**
 * express-session's store over PostgreSQL. Every failure, such as the database being down, goes to the
 * callback and so to Express's error handling (a 503 page); nothing is thrown or left as a rejected promise.
 * Saving a session sets it to expire after the cookie's maxAge (24 hours unless set) plus an hour. Reading it
 * (get), in the same statement, sets the expiry to 25 hours from now if less than 24 hours were left; so
 * express-session's touch after each request has nothing to do, and touch does nothing. Reads and writes are
 * batched: the sessions of the requests that arrive while a read (or a write) is running are read (or written)
 * together, in the next statement.
 * Expired sessions are deleted by a scheduled job (src/jobs/jobs.ts), on one instance at a time.
 */
export class DatabaseSessionStore extends session.Store {
  private readonly find: (sid: string) => Promise<SessionData | undefined>
  private readonly write: (sid: string, session: { data: SessionData; expires: Date }) => Promise<void>

  constructor(
    private readonly sessions: SessionRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    super()
    this.find = batchedReads((sids) => {
      const at = this.now()
      const ifBefore = new Date(at.getTime() + SESSION_IDLE_MS)
      return this.sessions.findMany(sids, at, { to: new Date(ifBefore.getTime() + EXTENSION_SLACK_MS), ifBefore })
    })
    this.write = batched(async (sessions) => {
      await this.sessions.saveMany(sessions)
      return new Map()
    })
  }

  private expiryOf(data: SessionData): Date {
    return new Date(this.now().getTime() + (data.cookie.maxAge ?? SESSION_IDLE_MS) + EXTENSION_SLACK_MS)
  }

  private settle<T>(work: Promise<T | null>, callback: Callback<T> | undefined): void {
    work.then(
      (result) => callback?.(null, result),
      (err: unknown) => callback?.(err),
    )
  }

  override get(sid: string, callback: Callback<SessionData>): void {
    this.settle(
      this.find(sid).then((data) => data ?? null),
      callback,
    )
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    this.settle(
      this.write(sid, { data, expires: this.expiryOf(data) }).then(() => null),
      callback,
    )
  }

  /** Reading the session extended it already. */
  override touch(_sid: string, _data: SessionData, callback?: Callback): void {
    callback?.()
  }

  override destroy(sid: string, callback?: Callback): void {
    this.settle(this.sessions.remove(sid), callback)
  }
}
