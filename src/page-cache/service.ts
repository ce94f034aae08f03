import crypto from 'node:crypto'
import zlib from 'node:zlib'
import type { PageCacheRepository } from './repository'
import { sharedReads } from './shared-reads'
import { type CachedPage, createPageStore } from './store'

interface PageCacheDeps {
  pageCache: PageCacheRepository
  now: () => Date
  maxBytes: number
}

/** What a request finds: the page kept for it, or the way to keep the page it is about to render. */
export type PageCacheLookup =
  { page: CachedPage } | { keep: (headers: Record<string, string>, body: Buffer) => CachedPage }

const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }

/**
 * The rendered-page cache for anonymous visitors to public pages. A page is served from it only while
 * the database's content version is the one it was rendered at and no clock boundary (a consultation
 * opening, say) has passed since, so every instance serves a change from the next request after it.
 */
export function createPageCacheService({ pageCache, now, maxBytes }: PageCacheDeps) {
  const store = createPageStore(maxBytes)
  const contentVersion = sharedReads(() => pageCache.contentVersion())
  return {
    enabled: maxBytes > 0,

    async lookup(key: string): Promise<PageCacheLookup> {
      const renderedAt = now().getTime()
      const version = await contentVersion()
      const page = store.get(key, version, renderedAt)
      if (page) return { page }
      const boundary = await pageCache.nextClockBoundary(new Date(renderedAt))
      const expiresAt = boundary ? boundary.getTime() : Number.POSITIVE_INFINITY
      return {
        keep(headers, body) {
          const kept: CachedPage = {
            headers,
            etag: `W/"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
            identity: body,
            gzip: zlib.gzipSync(body),
            br: zlib.brotliCompressSync(body, BROTLI_OPTIONS),
            version,
            renderedAt,
            expiresAt,
          }
          store.set(key, kept)
          return kept
        },
      }
    },

    /**
     * The page kept for `key` if it is still true, or undefined; reads the content version only when a page
     * is kept for the key at all, so that a request for any other page costs nothing.
     */
    async peek(key: string): Promise<CachedPage | undefined> {
      if (!store.has(key)) return undefined
      const at = now().getTime()
      return store.get(key, await contentVersion(), at)
    },

    /** How many pages this instance keeps, for tests and operators. */
    get size(): number {
      return store.size
    },
  }
}

export type PageCacheService = ReturnType<typeof createPageCacheService>
