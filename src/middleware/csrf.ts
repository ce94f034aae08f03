import type { Request, RequestHandler } from 'express'
import { Router } from 'express'
import { csrfSync } from 'csrf-sync'
import { anonymousFormTokens, isCrossOriginRequest } from './anonymous-form-token'
import { hasSessionData, isSessionless } from './session'

const tokenInBody = (req: Request) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: tokenInBody,
})

export { invalidCsrfTokenError }

/** The check itself, for a route that parses its own body first (a file upload). */
export const csrfProtection: RequestHandler = csrfSynchronisedProtection

export interface CsrfOptions {
  uploadPaths: readonly RegExp[]
  /** Forms a visitor may send before they have a session (a survey's pages), signed by `secret`. */
  anonymousFormPaths: readonly RegExp[]
  secret: string
}

/**
 * Every POST, PUT, PATCH and DELETE must carry the session's synchroniser token. A multipart upload to
 * one of `uploadPaths` is checked by its route once the body is parsed (after the role check, so no
 * one signed out can make the server parse a file); sessionless paths have no session to forge.
 * Until a session holds a token, a form on `anonymousFormPaths` may carry a signed anonymous token
 * instead, if the browser says it comes from this site.
 */
export function setUpCsrf({ uploadPaths, anonymousFormPaths, secret }: CsrfOptions): Router {
  const router = Router()
  const tokens = anonymousFormTokens(secret)
  const checkedByRoute = (req: Request) =>
    req.method === 'POST' &&
    typeof req.is('multipart/form-data') === 'string' &&
    uploadPaths.some((path) => path.test(req.path))
  const isAnonymousForm = (req: Request) =>
    req.method === 'POST' &&
    !req.session.csrfToken &&
    anonymousFormPaths.some((path) => path.test(req.path)) &&
    !isCrossOriginRequest(req) &&
    tokens.isValid(tokenInBody(req))
  router.use((req, res, next) =>
    isSessionless(req) || checkedByRoute(req) || isAnonymousForm(req) ? next() : csrfProtection(req, res, next),
  )
  return router
}

/**
 * Put on routes that render a form. Only they get a token, so plain public pages
 * start no session and set no cookie, and can be cached as they are.
 */
export const provideCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = generateToken(req)
  next()
}

/**
 * For forms a visitor sees before they have a session: the session's token once there is a session,
 * else a signed anonymous one, so that showing the form stores no session and sets no cookie.
 */
export function provideFormToken(secret: string): RequestHandler {
  const tokens = anonymousFormTokens(secret)
  return (req, res, next) => {
    res.locals.csrfToken = hasSessionData(req) ? generateToken(req) : tokens.issue()
    next()
  }
}
