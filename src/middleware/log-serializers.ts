import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'

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

interface SerializedRequest {
  id?: unknown
  method?: string
  url?: string
  headers: IncomingHttpHeaders
  remoteAddress?: string
  remotePort?: number
}

interface SerializedResponse {
  statusCode?: number
  headers?: OutgoingHttpHeaders
}

/**
 * pino-http's serializers, over its standard ones: URLs with one-time tokens masked, and query and
 * route params (the same values again) left out. Cookies and credentials are redacted by the logger.
 */
export const logSerializers = {
  req: ({ id, method, url, headers, remoteAddress, remotePort }: SerializedRequest) => ({
    id,
    method,
    url: masked(url),
    headers: { ...headers, referer: masked(headers.referer) },
    remoteAddress,
    remotePort,
  }),
  res: ({ statusCode, headers = {} }: SerializedResponse) => ({
    statusCode,
    headers: { ...headers, location: masked(headers.location) },
  }),
}
