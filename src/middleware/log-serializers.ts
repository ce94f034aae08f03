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
}

interface SerializedResponse {
  statusCode?: number
  headers?: OutgoingHttpHeaders
}

/**
 * pino-http's serializers, over its standard ones: what an operator needs of a request and its response, and
 * nothing more. URLs (the Referer and Location too) have one-time tokens and search words masked. No other
 * header is logged: cookies, credentials and the rest stay out of the logs, and no line is built from them.
 */
export const logSerializers = {
  req: ({ id, method, url, headers, remoteAddress }: SerializedRequest) => ({
    id,
    method,
    url: masked(url),
    remoteAddress,
    userAgent: headers['user-agent'],
    referer: masked(headers.referer),
  }),
  res: ({ statusCode, headers = {} }: SerializedResponse) => ({ statusCode, location: masked(headers.location) }),
}
