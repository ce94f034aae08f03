import crypto from 'node:crypto'
import type { Request } from 'express'

/** As long as a session lasts: a resident may read the first page for a while before answering it. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000
const CLOCK_SKEW_MS = 60 * 1000
const TOKEN_PATTERN = /^a1\.(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/

/**
 * The CSRF token of a form shown to a visitor who has no session yet, so that showing it stores nothing:
 * OWASP's HMAC-signed token (a random value and the time it was issued, signed with the server's secret).
 * With no session to bind it to, it proves only that this server made the form recently; the
 * Fetch Metadata check below is what stops another site sending it.
 */
export function anonymousFormTokens(secret: string, now: () => number = Date.now) {
  const signature = (issuedAt: string, nonce: string) =>
    crypto.createHmac('sha256', secret).update(`anonymous-form!${issuedAt}!${nonce}`).digest('base64url')
  return {
    issue(): string {
      const issuedAt = String(now())
      const nonce = crypto.randomBytes(16).toString('base64url')
      return `a1.${issuedAt}.${nonce}.${signature(issuedAt, nonce)}`
    },
    isValid(token: unknown): boolean {
      const match = typeof token === 'string' ? TOKEN_PATTERN.exec(token) : null
      if (!match) return false
      const [, issuedAt = '', nonce = '', given = ''] = match
      const age = now() - Number(issuedAt)
      if (age < -CLOCK_SKEW_MS || age > MAX_AGE_MS) return false
      return crypto.timingSafeEqual(Buffer.from(given), Buffer.from(signature(issuedAt, nonce)))
    },
  }
}

export type AnonymousFormTokens = ReturnType<typeof anonymousFormTokens>

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
