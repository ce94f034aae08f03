/** When something kept from the database was read: the content version then, and the stretch of time it holds. */
export interface Freshness {
  /** The content version it was read at; any other version means it is out of date. */
  version: string
  /** It shows the site as it was from this moment until the next clock boundary. */
  renderedAt: number
  expiresAt: number
}

export const ENCODINGS = ['br', 'gzip', 'identity'] as const
export type Encoding = (typeof ENCODINGS)[number]

/** A kept page in one encoding: its body and the whole head of its response, ready for writeHead. */
export interface PageVariant {
  body: Buffer
  /** Header names and values, one after the other, as node's writeHead takes them. */
  hitHead: string[]
  missHead: string[]
}

/** One rendered public page, kept with its compressed forms so that each is made once. */
export interface CachedPage extends Freshness {
  etag: string
  variants: Record<Encoding, PageVariant>
  /** The head of a 304, for a visitor whose copy is still good. */
  notModifiedHead: string[]
}

/**
 * Things read from the database (rendered pages, survey definitions) in this process's memory, least recently
 * used first out once their sizes add up to more than `maxSize`. Losing them loses nothing: each is checked
 * against the database's content version before it is used.
 */
export function createFreshStore<T extends Freshness>(maxSize: number, sizeOf: (kept: T) => number) {
  const entries = new Map<string, T>()
  let size = 0

  const remove = (key: string) => {
    const kept = entries.get(key)
    if (!kept) return
    size -= sizeOf(kept)
    entries.delete(key)
  }

  return {
    /** What is kept for `key` if it is still true at `version` and `now`; an out-of-date one is dropped. */
    get(key: string, version: string, now: number): T | undefined {
      const kept = entries.get(key)
      if (!kept) return undefined
      if (kept.version !== version || now < kept.renderedAt || now >= kept.expiresAt) {
        remove(key)
        return undefined
      }
      entries.delete(key)
      entries.set(key, kept)
      return kept
    },

    /** Whether anything is kept for `key`, fresh or not: a cheap test before reading the content version. */
    has(key: string): boolean {
      return entries.has(key)
    },

    set(key: string, kept: T): void {
      remove(key)
      if (sizeOf(kept) > maxSize) return
      entries.set(key, kept)
      size += sizeOf(kept)
      for (const oldest of entries.keys()) {
        if (size <= maxSize) break
        remove(oldest)
      }
    },

    get size(): number {
      return entries.size
    },
  }
}

/** Rendered pages, up to `maxBytes` of them with their compressed forms. */
export const createPageStore = (maxBytes: number) =>
  createFreshStore<CachedPage>(maxBytes, (page) =>
    ENCODINGS.reduce((bytes, encoding) => bytes + page.variants[encoding].body.length, 0),
  )
