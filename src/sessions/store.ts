import session, { type SessionData } from 'express-session'
import type { SessionRepository } from './repository'

type Callback<T = void> = (err?: unknown, result?: T | null) => void

/** A session whose cookie has no maxAge (never the case here) is kept for a day. */
const DEFAULT_LIFETIME_MS = 24 * 60 * 60 * 1000

/**
 * express-session's store over PostgreSQL. Every failure, such as the database being down, goes to the
 * callback and so to Express's error handling (a 503 page); nothing is thrown or left as a rejected promise.
 * Expired sessions are deleted by a scheduled job (src/jobs/jobs.ts), on one instance at a time.
 */
export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    super()
  }

  private expiryOf(data: SessionData): Date {
    return new Date(this.now().getTime() + (data.cookie.maxAge ?? DEFAULT_LIFETIME_MS))
  }

  private settle<T>(work: Promise<T | null>, callback: Callback<T> | undefined): void {
    work.then(
      (result) => callback?.(null, result),
      (err: unknown) => callback?.(err),
    )
  }

  override get(sid: string, callback: Callback<SessionData>): void {
    this.settle(this.sessions.find(sid, this.now()), callback)
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    this.settle(this.sessions.save(sid, data, this.expiryOf(data)), callback)
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    this.settle(this.sessions.extend(sid, this.expiryOf(data), this.now()), callback)
  }

  override destroy(sid: string, callback?: Callback): void {
    this.settle(this.sessions.remove(sid), callback)
  }
}
