import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Request } from 'express'
import pinoHttp from 'pino-http'
import type { Logger } from '../logger'
import { logSerializers } from './log-serializers'

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/

/**
 * The request's logger. pino-http types `req.log` as always there, but requests answered before
 * setUpRequestLogging (health checks, static assets, errors those raise) have none.
 */
export function requestLogOf(req: Request): Request['log'] | undefined {
  const maybeLogged: Partial<Pick<Request, 'log'>> = req
  return maybeLogged.log
}

/** Every log line of a request carries its id, taken from a trusted upstream header or made here. */
export function setUpRequestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    serializers: logSerializers,
    genReqId: (req: IncomingMessage, res) => {
      const upstream = req.headers['x-request-id']
      const id = typeof upstream === 'string' && REQUEST_ID_PATTERN.test(upstream) ? upstream : crypto.randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/assets/') },
  })
}
