/** One rendered public page, kept with its compressed forms so that each is made once. */
export interface CachedPage {
  /** The headers the route set that a visitor must get again (type, caching, CORS), by lower-case name. */
  headers: Record<string, string>
  etag: string
  identity: Buffer
  gzip: Buffer
  br: Buffer
  /** The content version it was rendered at; any other version means it is out of date. */
  version: string
  /** It shows the site as it was from this moment until the next clock boundary. */
  renderedAt: number
  expiresAt: number
}

const sizeOf = (page: CachedPage) => page.identity.length + page.gzip.length + page.br.length

/**
 * Rendered pages in this process's memory, least recently used first out once over `maxBytes`. Losing them
 * loses nothing: each is checked against the database's content version before it is served.
 */
export function createPageStore(maxBytes: number) {
  const pages = new Map<string, CachedPage>()
  let bytes = 0

  const remove = (key: string) => {
    const page = pages.get(key)
    if (!page) return
    bytes -= sizeOf(page)
    pages.delete(key)
  }

  return {
    /** The page for `key` if it is still true at `version` and `now`; an out-of-date one is dropped. */
    get(key: string, version: string, now: number): CachedPage | undefined {
      const page = pages.get(key)
      if (!page) return undefined
      if (page.version !== version || now < page.renderedAt || now >= page.expiresAt) {
        remove(key)
        return undefined
      }
      pages.delete(key)
      pages.set(key, page)
      return page
    },

    /** Whether a page is kept for `key`, fresh or not: a cheap test before reading the content version. */
    has(key: string): boolean {
      return pages.has(key)
    },

    set(key: string, page: CachedPage): void {
      remove(key)
      if (sizeOf(page) > maxBytes) return
      pages.set(key, page)
      bytes += sizeOf(page)
      for (const oldest of pages.keys()) {
        if (bytes <= maxBytes) break
        remove(oldest)
      }
    },

    get size(): number {
      return pages.size
    },
  }
}
