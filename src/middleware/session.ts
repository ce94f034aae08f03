import { type Request, type RequestHandler, Router } from 'express'
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

/**
 * The request's session, or undefined where express-session gave it none (the sessionless paths above, or
 * while its store is down), though its types say it is always there.
 */
export const sessionOf = (req: Request): Request['session'] | undefined => req.session

/** True once the session holds anything (and so is stored): a new, empty one is never saved. */
export const hasSessionData = (req: Request): boolean => Object.keys(req.session).some((key) => key !== 'cookie')

/**
 * A redirect is sent once the session is stored. express-session would send its headers at once and store the
 * session after, and a browser follows a redirect as soon as its headers arrive: the next page could read the
 * session from before (a lost flash message, an answer not yet there). A save that fails goes to Express's error
 * handling, as a failure in the route would.
 */
const storeSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void
  res.redirect = (...args: unknown[]) => {
    const session = sessionOf(req)
    if (!session || !hasSessionData(req)) return redirect(...args)
    session.save((err: unknown) => (err ? (req.next ?? next)(err) : redirect(...args)))
  }
  next()
}

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
  router.use((req, res, next) => (sessionOf(req) ? storeSessionBeforeRedirect(req, res, next) : next()))
  return router
}
