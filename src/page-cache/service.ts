import type { ContentFreshness } from './freshness'
import { type Header, keptPage } from './kept-page'
import { type CachedPage, createPageStore } from './store'

interface PageCacheDeps {
  freshness: ContentFreshness
  maxBytes: number
}

/** What a request finds: the page kept for it, or the way to keep the page it is about to render. */
export type PageCacheLookup = { page: CachedPage } | { keep: (headers: readonly Header[], body: Buffer) => CachedPage }

/**
 * The rendered-page cache for anonymous visitors to public pages. A page is served from it only while
 * the database's content version is the one it was rendered at and no clock boundary (a consultation
 * opening, say) has passed since, so every instance serves a change from the next request after it.
 */
export function createPageCacheService({ freshness, maxBytes }: PageCacheDeps) {
  const store = createPageStore(maxBytes)
  return {
    enabled: maxBytes > 0,

    async lookup(key: string): Promise<PageCacheLookup> {
      const renderedAt = freshness.now()
      const version = await freshness.version()
      const page = store.get(key, version, renderedAt)
      if (page) return { page }
      const fresh = await freshness.from(version, renderedAt)
      return {
        keep(headers, body) {
          const kept = keptPage(fresh, headers, body)
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
      const at = freshness.now()
      return store.get(key, await freshness.version(), at)
    },

    /** How many pages this instance keeps, for tests and operators. */
    get size(): number {
      return store.size
    },
  }
}

export type PageCacheService = ReturnType<typeof createPageCacheService>
