import type { Request } from 'express'
import type { User } from '../users/types'

const promisify = (run: (done: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => run((err) => (err ? reject(err) : resolve())))

/** A new session id at sign-in, so a session id planted before it (fixation) is worthless after. */
export async function startOfficerSession(req: Request, user: User, now: Date): Promise<void> {
  await promisify((done) => req.session.regenerate(done))
  req.session.officer = { userId: user.id, signedInAt: now.getTime(), lastSeenAt: now.getTime() }
  await promisify((done) => req.session.save(done))
}

export async function endSession(req: Request): Promise<void> {
  if (req.session) await promisify((done) => req.session.destroy(done))
}
