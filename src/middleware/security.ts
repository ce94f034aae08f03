import crypto from 'node:crypto'
import { Router } from 'express'
import helmet from 'helmet'

/** The one inline script in govuk-frontend's template.njk, allowed by its hash rather than a nonce. */
export const GOVUK_TEMPLATE_INLINE_SCRIPT =
  "document.body.className += ' js-enabled' + " +
  "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"

const govukInlineScriptDigest = crypto.createHash('sha256').update(GOVUK_TEMPLATE_INLINE_SCRIPT).digest('base64')
export const govukInlineScriptHash = `'sha256-${govukInlineScriptDigest}'`

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
  return router
}
