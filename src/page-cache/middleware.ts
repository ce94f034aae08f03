import type { NextFunction, Request, Response } from 'express'
import type { ParamsDictionary } from 'express-serve-static-core'
import { SESSION_COOKIE } from '../middleware/session'
import type { CachedPage } from './store'
import type { PageCacheService } from './service'

const carriesSession = (req: Request) => (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)

/** As Express's res.send would say it: HTML unless the route said otherwise, and text in UTF-8. */
function contentTypeOf(res: Response): string {
  const declared = res.getHeader('Content-Type')
  if (typeof declared !== 'string') return 'text/html; charset=utf-8'
  return declared.includes('charset') ? declared : `${declared}; charset=utf-8`
}

/** The headers a route sets that are part of its page: a hit, answered before the route runs, sends them again. */
const KEPT_HEADERS = ['cache-control', 'access-control-allow-origin', 'cross-origin-resource-policy'] as const

function keptHeadersOf(res: Response): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentTypeOf(res) }
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name)
    if (typeof value === 'string') headers[name] = value
  }
  return headers
}

const isAnonymousRead = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !carriesSession(req)

const ENCODINGS = ['br', 'gzip', 'identity'] as const

/** Sends a kept page in the encoding the client prefers, or 304 when the client's copy is still good. */
function sendPage(req: Request, res: Response, page: CachedPage, state: 'hit' | 'miss'): void {
  res.setHeader('X-Page-Cache', state)
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value)
  if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'public, no-cache')
  res.setHeader('Vary', 'Accept-Encoding')
  res.setHeader('ETag', page.etag)
  if (req.fresh) {
    res.status(304).end()
    return
  }
  const accepted = req.acceptsEncodings([...ENCODINGS])
  const encoding = ENCODINGS.find((name) => name === accepted) ?? 'identity'
  const body = encoding === 'identity' ? page.identity : page[encoding]
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/**
 * Put on a public page's route. An anonymous GET is answered from the cache when it can be; otherwise the
 * page is rendered as usual and, if it is a 200 that sets no cookie, kept for the next visitor.
 */
export function cachedPage(pageCache: PageCacheService) {
  // Generic in the route's parameters, so that the handler after it keeps its typed req.params.
  return async <Params extends ParamsDictionary>(
    req: Request<Params>,
    res: Response,
    next: NextFunction,
  ): Promise<void> => {
    if (!pageCache.enabled || !isAnonymousRead(req)) {
      next()
      return
    }
    const found = await pageCache.lookup(req.originalUrl)
    if ('page' in found) {
      sendPage(req, res, found.page, 'hit')
      return
    }
    const send = res.send.bind(res)
    res.send = (body?: unknown) => {
      const keepable =
        res.statusCode === 200 && !res.getHeader('Set-Cookie') && (typeof body === 'string' || Buffer.isBuffer(body))
      if (!keepable) return send(body)
      sendPage(req, res, found.keep(keptHeadersOf(res), Buffer.from(body)), 'miss')
      return res
    }
    next()
  }
}

/**
 * Early in the app, before request logging, sessions and the routers: answers an anonymous GET from the cache
 * when a page is kept for its address and is still true, at the cost of one shared read of the content
 * version. Anything else goes on as usual (the route's cachedPage keeps what it renders). nginx's access log
 * records these requests; the app's own log does not.
 */
export function serveCachedPages(pageCache: PageCacheService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    // A failed read (the database away) goes to the error handler, which answers 503 at once.
    const page = pageCache.enabled && isAnonymousRead(req) ? await pageCache.peek(req.originalUrl) : undefined
    if (page) sendPage(req, res, page, 'hit')
    else next()
  }
}
