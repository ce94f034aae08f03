import type { Request } from 'express'
import type { User } from '../users/types'

/**
 * The request's session, or undefined where express-session gave it none (the sessionless paths of
 * src/middleware/session.ts, or while its store is down), though its types say it is always there.
 */
export const sessionOf = (req: Request): Request['session'] | undefined => req.session

const promisify = (run: (done: (err?: Error | null) => void) => void) =>
  new Promise<void>((resolve, reject) => run((err) => (err ? reject(err) : resolve())))

/** A new session id at sign-in, so a session id planted before it (fixation) is worthless after. */
export async function startOfficerSession(req: Request, user: User, now: Date): Promise<void> {
  await promisify((done) => req.session.regenerate(done))
  req.session.officer = {
    userId: user.id,
    signedInAt: now.getTime(),
    lastSeenAt: now.getTime(),
    generation: user.sessionGeneration,
  }
  await promisify((done) => req.session.save(done))
}

export async function endSession(req: Request): Promise<void> {
  const session = sessionOf(req)
  if (session) await promisify((done) => session.destroy(done))
}
