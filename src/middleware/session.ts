import { type Request, Router } from 'express'
import session from 'express-session'
import type { Config } from '../config'
import { SESSION_IDLE_MS } from '../sessions/store'

export const SESSION_COOKIE = 'hub.sid'

/**
 * Public, cacheable read-only data (the JSON API and the Atom feed) never reads, starts or renews a
 * session, so it never sets a cookie; with no session there is nothing for a forged request to ride on.
 */
export const isSessionless = (req: Request): boolean =>
  req.path === '/api' ||
  req.path.startsWith('/api/') ||
  req.path.endsWith('.atom') ||
  // RFC 8058's one-click unsubscribe, which mail programs POST with no cookie: its token authorises it.
  req.path.startsWith('/alerts/unsubscribe/')

/** True once the session holds anything (and so is stored): a new, empty one is never saved. */
export const hasSessionData = (req: Request): boolean => Object.keys(req.session).some((key) => key !== 'cookie')

export function setUpWebSession(config: Config, store: session.Store): Router {
  const router = Router()
  const withSession = session({
    name: SESSION_COOKIE,
    secret: config.session.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.session.secureCookies, maxAge: SESSION_IDLE_MS },
  })
  router.use((req, res, next) => (isSessionless(req) ? next() : withSession(req, res, next)))
  return router
}
