import type { RequestHandler } from 'express'
import { Router } from 'express'
import { csrfSync } from 'csrf-sync'

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
})

export { invalidCsrfTokenError }

/** Every POST, PUT, PATCH and DELETE must carry the session's synchroniser token. */
export function setUpCsrf(): Router {
  const router = Router()
  router.use(csrfSynchronisedProtection)
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
