import crypto from 'node:crypto'
import type { Request, RequestHandler, Response } from 'express'
import type { Logger } from '../logger'
import { requestFields, responseFields } from './log-serializers'

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/
/** Requests too many and too dull to log one by one. */
const isUnlogged = (req: Request) => req.url === '/healthz' || req.url.startsWith('/assets/')

const levelOf = (res: Response) => (res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info')

/**
 * One line for each request once it is answered (or abandoned), at info, warn for 4xx and error for 5xx, with the
 * time taken; and `req.log`, a logger bound to the request, for what is logged while it runs. Every line of a
 * request carries its id, taken from a trusted upstream header or made here, and sent back as X-Request-Id. The
 * bound logger is made only when something logs with it: most requests log one line, or none at all.
 */
export function setUpRequestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const upstream = req.headers['x-request-id']
    const id = typeof upstream === 'string' && REQUEST_ID_PATTERN.test(upstream) ? upstream : crypto.randomUUID()
    res.setHeader('X-Request-Id', id)
    let bound: Logger | undefined
    const fields = () => requestFields(req, id)
    Object.defineProperty(req, 'log', { configurable: true, get: () => (bound ??= logger.child({ req: fields() })) })
    if (!isUnlogged(req)) {
      const started = performance.now()
      const done = () => {
        res.off('finish', done).off('close', done)
        const level = levelOf(res)
        if (!logger.isLevelEnabled(level)) return
        const responseTime = Math.round(performance.now() - started)
        const line = { req: fields(), res: responseFields(res), responseTime }
        logger[level](line, res.writableFinished ? 'request completed' : 'request aborted')
      }
      res.on('finish', done).on('close', done)
    }
    next()
  }
}
