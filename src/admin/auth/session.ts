import type { Request } from 'express'
import { sessionOf } from '../../middleware/session'
import type { User } from '../users/types'

const promisify = (run: (done: (err?: Error | null) => void) => void) =>
  new Promise<void>((resolve, reject) => run((err) => (err ? reject(err) : resolve())))

/**
 * A new session id at sign-in, so a session id planted before it (fixation) is worthless after. It is stored
 * before the redirect that follows (storeSessionBeforeRedirect).
 */
export async function startOfficerSession(req: Request, user: User, now: Date): Promise<void> {
  await promisify((done) => req.session.regenerate(done))
  req.session.officer = {
    userId: user.id,
    signedInAt: now.getTime(),
    lastSeenAt: now.getTime(),
    generation: user.sessionGeneration,
  }
}

export async function endSession(req: Request): Promise<void> {
  const session = sessionOf(req)
  if (session) await promisify((done) => session.destroy(done))
}
