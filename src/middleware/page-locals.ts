import type { RequestHandler } from 'express'

/** What every page template may read about the request. */
export const setUpPageLocals = (): RequestHandler => (req, res, next) => {
  res.locals.currentPath = req.path
  next()
}
