import type { Request, RequestHandler } from 'express'
import { Router } from 'express'
import { csrfSync } from 'csrf-sync'
import { isSessionless } from './session'

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
})

export { invalidCsrfTokenError }

/** The check itself, for a route that parses its own body first (a file upload). */
export const csrfProtection: RequestHandler = csrfSynchronisedProtection

/**
 * Every POST, PUT, PATCH and DELETE must carry the session's synchroniser token. A multipart upload to
 * one of `uploadPaths` is checked by its route once the body is parsed (after the role check, so no
 * one signed out can make the server parse a file); sessionless paths have no session to forge.
 */
export function setUpCsrf(uploadPaths: readonly RegExp[]): Router {
  const router = Router()
  const checkedByRoute = (req: Request) =>
    req.method === 'POST' &&
    typeof req.is('multipart/form-data') === 'string' &&
    uploadPaths.some((path) => path.test(req.path))
  router.use((req, res, next) => (isSessionless(req) || checkedByRoute(req) ? next() : csrfProtection(req, res, next)))
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
