import type { NextFunction, Request, Response } from 'express'
import type { ParamsDictionary } from 'express-serve-static-core'
import { SESSION_COOKIE } from '../middleware/session'
import fresh from 'fresh'
import { SECURITY_HEADERS, setSecurityHeaders } from '../middleware/security'
import type { Header } from './kept-page'
import { type CachedPage, type Encoding, ENCODINGS } from './store'
import type { PageCacheService } from './service'

const carriesSession = (req: Request) => (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)

/** As Express's res.send would say it: HTML unless the route said otherwise, and text in UTF-8. */
function contentTypeOf(res: Response): string {
  const declared = res.getHeader('Content-Type')
  if (typeof declared !== 'string') return 'text/html; charset=utf-8'
  return declared.includes('charset') ? declared : `${declared}; charset=utf-8`
}

/** The headers a route sets that are part of its page: a hit, answered before the route runs, sends them again. */
const KEPT_HEADERS = ['Cache-Control', 'Access-Control-Allow-Origin', 'Cross-Origin-Resource-Policy'] as const

/**
 * Everything a page's response says about it, for a hit to say again: the security headers, then the route's,
 * each name once (a route's own value, such as the API's cross-origin resource policy, replaces helmet's).
 */
function headersOf(res: Response): Header[] {
  const headers = new Map<string, Header>()
  const put = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value])
  for (const [name, value] of SECURITY_HEADERS) put(name, value)
  put('Content-Type', contentTypeOf(res))
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name)
    if (typeof value === 'string') put(name, value)
  }
  if (!res.getHeader('Cache-Control')) put('Cache-Control', 'public, no-cache')
  put('Vary', 'Accept-Encoding')
  return [...headers.values()]
}

const isAnonymousRead = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !carriesSession(req)

/** The encoding chosen for each Accept-Encoding a client sends: browsers send a handful between them. */
const chosenEncodings = new Map<string, Encoding>()

function encodingFor(req: Request): Encoding {
  const header = req.headers['accept-encoding'] ?? ''
  const known = chosenEncodings.get(header)
  if (known) return known
  const accepted = req.acceptsEncodings([...ENCODINGS])
  const encoding = ENCODINGS.find((name) => name === accepted) ?? 'identity'
  if (chosenEncodings.size < 100) chosenEncodings.set(header, encoding)
  return encoding
}

/** Sends a kept page in the encoding the client prefers, or 304 when the client's copy is still good. */
function sendPage(req: Request, res: Response, page: CachedPage, state: 'hit' | 'miss'): void {
  if (fresh(req.headers, { etag: page.etag })) {
    res.writeHead(304, page.notModifiedHead).end()
    return
  }
  const variant = page.variants[encodingFor(req)]
  res.writeHead(200, state === 'hit' ? variant.hitHead : variant.missHead)
  res.end(req.method === 'HEAD' ? undefined : variant.body)
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
      sendPage(req, res, found.keep(headersOf(res), Buffer.from(body)), 'miss')
      return res
    }
    next()
  }
}

/**
 * First in the app, before every other middleware: answers an anonymous GET from the cache when a page is kept
 * for its address and is still true, at the cost of one shared read of the content version, with the head it
 * was kept with (security headers included). Anything else goes on as usual (the route's cachedPage keeps what
 * it renders). nginx's access log records these requests; the app's own log does not.
 */
export function serveCachedPages(pageCache: PageCacheService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!pageCache.enabled || !isAnonymousRead(req)) {
      next()
      return
    }
    let page: CachedPage | undefined
    try {
      page = await pageCache.peek(req.originalUrl)
    } catch (err) {
      // The database is away: the error handler answers 503 at once, with the headers every response carries.
      setSecurityHeaders(res)
      next(err)
      return
    }
    if (page) sendPage(req, res, page, 'hit')
    else next()
  }
}
