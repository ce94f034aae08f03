import crypto from 'node:crypto'
import { Router } from 'express'
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

export function setUpWebSecurity(): Router {
  const router = Router()
  router.use(
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
  )
  router.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    next()
  })
  return router
}
