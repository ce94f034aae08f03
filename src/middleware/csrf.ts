import cookieParser from 'cookie-parser'
import type { Request, RequestHandler } from 'express'
import { Router } from 'express'
import { csrfSync } from 'csrf-sync'
import { type AnonymousFormOptions, anonymousCsrf, tokenInBody } from './anonymous-csrf'
import { hasSessionData, isSessionless } from './session'

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: tokenInBody,
})

export { invalidCsrfTokenError }
export type { AnonymousFormOptions }

/** The check itself, for a route that parses its own body first (a file upload). */
export const csrfProtection: RequestHandler = csrfSynchronisedProtection

export interface CsrfOptions {
  uploadPaths: readonly RegExp[]
  /** Forms a visitor may send before they have a session (a survey's pages). */
  anonymousForms: AnonymousFormOptions
}

/**
 * Every POST, PUT, PATCH and DELETE must carry the session's synchroniser token. A multipart upload to
 * one of `uploadPaths` is checked by its route once the body is parsed (after the role check, so no
 * one signed out can make the server parse a file); sessionless paths have no session to forge.
 * Until a session holds a token, an anonymous form may instead pass csrf-csrf's double-submit check,
 * if the browser says it comes from this site. Needs cookie-parser before it.
 */
export function setUpCsrf({ uploadPaths, anonymousForms }: CsrfOptions): Router {
  const router = Router()
  const anonymous = anonymousCsrf(anonymousForms)
  const checkedByRoute = (req: Request) =>
    req.method === 'POST' &&
    typeof req.is('multipart/form-data') === 'string' &&
    uploadPaths.some((path) => path.test(req.path))
  const isAnonymousForm = (req: Request) => req.method === 'POST' && !req.session.csrfToken && anonymous.isValid(req)
  router.use((req, res, next) =>
    isSessionless(req) || checkedByRoute(req) || isAnonymousForm(req) ? next() : csrfProtection(req, res, next),
  )
  return router
}

/**
 * csrf-csrf's cookie, for the anonymous forms below, is read only while the session holds no token of its own:
 * once it does, that token is the only one checked, and the request's cookies need no parsing.
 */
export function setUpAnonymousFormCookies(): RequestHandler {
  const parseCookies = cookieParser()
  return (req, res, next) => (isSessionless(req) || req.session.csrfToken ? next() : parseCookies(req, res, next))
}

/** The session's synchroniser token, made and kept in the session if it has none yet. */
export const sessionFormToken = (req: Request): string => generateToken(req)

/**
 * Put on routes that render a form. Only they get a token, so plain public pages
 * start no session and set no cookie, and can be cached as they are.
 */
export const provideCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = sessionFormToken(req)
  next()
}

/**
 * For forms a visitor sees before they have a session. The token is made when the page is rendered (a
 * redirect makes none): the session's once the session holds anything, else, on an anonymous form's
 * page, a double-submit one whose cookie is the only one set, so that showing the form stores no session.
 */
export function provideFormToken(anonymousForms: AnonymousFormOptions): RequestHandler {
  const anonymous = anonymousCsrf(anonymousForms)
  return (req, res, next) => {
    let token: string | undefined
    let made = false
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!made) token = hasSessionData(req) ? sessionFormToken(req) : anonymous.issue(req, res)
        made = true
        return token
      },
    })
    next()
  }
}
