import crypto from 'node:crypto'
import { IncomingMessage, type ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import type { RequestHandler } from 'express'
import helmet from 'helmet'

/** The one inline script in govuk-frontend's template.njk, allowed by its hash rather than a nonce. */
export const GOVUK_TEMPLATE_INLINE_SCRIPT =
  "document.body.className += ' js-enabled' + " +
  "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"

const govukInlineScriptDigest = crypto.createHash('sha256').update(GOVUK_TEMPLATE_INLINE_SCRIPT).digest('base64')
export const govukInlineScriptHash = `'sha256-${govukInlineScriptDigest}'`

/** Browser features no page here needs, denied to the site and anything it embeds (helmet sets no such header). */
const DENIED_FEATURES = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
]
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((feature) => `${feature}=()`).join(', ')

/** The headers a middleware sets on a response, captured from a stand-in response it writes them to. */
function headersSetBy(middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) {
  const headers: [string, string][] = []
  const standIn = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  }
  middleware(new IncomingMessage(new Socket()), standIn as unknown as ServerResponse, () => undefined)
  return headers
}

/**
 * The security headers every response carries: helmet's, with our policies, and the Permissions-Policy. None
 * depends on the request, so helmet works them out once and each response gets a copy (and a page kept in
 * the page cache is kept with them).
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ...headersSetBy(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", govukInlineScriptHash],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          manifestSrc: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  ),
  ['Permissions-Policy', PERMISSIONS_POLICY],
]

export const setSecurityHeaders = (res: ServerResponse) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value)
}

export function setUpWebSecurity(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res)
    next()
  }
}
