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

const ENCODINGS = ['br', 'gzip', 'identity'] as const

/** Sends a kept page in the encoding the client prefers, or 304 when the client's copy is still good. */
function sendPage(req: Request, res: Response, page: CachedPage, state: 'hit' | 'miss'): void {
  res.setHeader('X-Page-Cache', state)
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
  res.setHeader('Content-Type', page.contentType)
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
    if (!pageCache.enabled || (req.method !== 'GET' && req.method !== 'HEAD') || carriesSession(req)) {
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
      sendPage(req, res, found.keep(contentTypeOf(res), Buffer.from(body)), 'miss')
      return res
    }
    next()
  }
}
