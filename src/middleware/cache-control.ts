import type { RequestHandler } from 'express'

/** For pages that hold personal data or one-off secrets: never keep them in any cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store')
  next()
}
