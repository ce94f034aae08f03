import type { Request, Response } from 'express'

/** One-time links carry their secret as the path segment after these (also /resume/email, which is not one). */
const TOKEN_IN_PATH =
  /(\/(?:set-password|setup|resume|alerts\/(?:confirm|manage|unsubscribe))\/)(?!email(?:[/?#]|$))[^/?#]+/g
const TOKEN_IN_QUERY = /([?&](?:token|code)=)[^&#]*/gi
/** Search words are a resident's (or, in admin searches, about a resident): logs keep only that there were some. */
const SEARCH_IN_QUERY = /([?&]q=)[^&#]*/g

/** The URL with one-time link secrets (password, invitation, set-up and resume links) and search words masked. */
export const maskTokensInUrl = (url: string): string =>
  url.replace(TOKEN_IN_PATH, '$1[token]').replace(TOKEN_IN_QUERY, '$1[token]').replace(SEARCH_IN_QUERY, '$1[search]')

const masked = (value: unknown) => (typeof value === 'string' ? maskTokensInUrl(value) : value)

/**
 * What a log line says of a request: what an operator needs, and nothing more. URLs (the Referer too) have
 * one-time tokens and search words masked. No other header is logged: cookies, credentials and the rest stay out
 * of the logs, and no line is built from them.
 */
export const requestFields = (req: Request, id: string) => ({
  id,
  method: req.method,
  url: maskTokensInUrl(req.originalUrl),
  remoteAddress: req.socket.remoteAddress,
  userAgent: req.headers['user-agent'],
  referer: masked(req.headers.referer),
})

/** What a log line says of a response: its status, and where a redirect sends the browser (masked as above). */
export const responseFields = (res: Response) => ({
  statusCode: res.statusCode,
  location: masked(res.getHeader('Location')),
})
