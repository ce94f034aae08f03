import type { ErrorRequestHandler, RequestHandler } from 'express'
import { isDatabaseUnavailable } from '../db/unavailable'
import { NotFoundError } from '../shared/errors'
import { invalidCsrfTokenError } from './csrf'

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).render('errors/404')
}

export function isCsrfError(err: unknown): boolean {
  return err === invalidCsrfTokenError || (err as { code?: string } | null)?.code === invalidCsrfTokenError.code
}

export function isClientError(err: unknown): err is { status: number } {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500
}

/** Seconds a client is asked to wait before trying again while the database is unavailable. */
const RETRY_AFTER_SECONDS = 30

/**
 * Known client errors get their own friendly page; the database being unavailable gives a 503 (and
 * Retry-After); anything else is logged and shown as a 500.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its four parameters
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const log = req.log
  // Errors can come from middleware that runs before the page locals are set (health checks, static files).
  res.locals.currentPath = req.path
  if (res.headersSent) {
    // Ending normally would pass off a half-sent page or download as whole: the client must see it failed.
    log?.error({ err }, 'error after response started')
    res.destroy()
    return
  }
  if (err instanceof NotFoundError) {
    res.status(404).render('errors/404')
    return
  }
  if (isCsrfError(err)) {
    log?.warn('CSRF token missing or invalid')
    res.status(403).render('errors/csrf')
    return
  }
  if (isClientError(err)) {
    log?.warn({ err }, 'client error')
    res.status(err.status === 404 ? 404 : 400).render(err.status === 404 ? 'errors/404' : 'errors/400')
    return
  }
  if (isDatabaseUnavailable(err)) {
    log?.error({ err }, 'database unavailable')
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).render('errors/503')
    return
  }
  log?.error({ err }, 'unhandled error')
  res.status(500).render('errors/500')
}
