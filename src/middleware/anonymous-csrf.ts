import type { Request, Response } from 'express'
import { doubleCsrf } from 'csrf-csrf'

export interface AnonymousFormOptions {
  /** The forms a visitor may send before they have a session. */
  paths: readonly RegExp[]
  secret: string
  secureCookies: boolean
}

/** A visitor with no session has nothing to bind a token to: the CSRF cookie is what ties the form to them. */
const NO_SESSION = 'anonymous-visitor'

export const tokenInBody = (req: Request): string | undefined =>
  (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined

/**
 * csrf-csrf's Double Submit Cookie Pattern for forms shown before there is a session: the token goes in
 * the form and, HMAC-signed, in a small HttpOnly cookie, so that showing the form stores no session.
 */
export function anonymousCsrf({ paths, secret, secureCookies }: AnonymousFormOptions) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: () => NO_SESSION,
    // `__Host-` requires Secure, so only where cookies go over HTTPS alone.
    cookieName: secureCookies ? '__Host-hub.csrf' : 'hub.csrf',
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' },
    getCsrfTokenFromRequest: tokenInBody,
  })
  const isAnonymousFormPath = (req: Request) => paths.some((path) => path.test(req.path))
  return {
    issue: (req: Request, res: Response): string | undefined =>
      isAnonymousFormPath(req) ? generateCsrfToken(req, res) : undefined,
    isValid: (req: Request): boolean => isAnonymousFormPath(req) && !isCrossOriginRequest(req) && validateRequest(req),
  }
}

/**
 * Fetch Metadata, as in Go's net/http CrossOriginProtection: a browser names the site a request came
 * from in Sec-Fetch-Site, or (older ones) in Origin. A request with neither did not come from a browser.
 */
export function isCrossOriginRequest(req: Request): boolean {
  const site = req.get('sec-fetch-site')
  if (site) return site !== 'same-origin' && site !== 'none'
  const origin = req.get('origin')
  if (!origin) return false
  return !URL.canParse(origin) || new URL(origin).host !== req.get('host')
}
