import type { PageCacheRepository } from './repository'
import { sharedReads } from '../shared/batched'
import type { Freshness } from './store'

/**
 * Whether something kept from the database is still true: the content version, read once for all the
 * requests that ask at the same time, and the next clock boundary after the moment it was read.
 */
export function createContentFreshness(pageCache: PageCacheRepository, now: () => Date) {
  const version = sharedReads(() => pageCache.contentVersion())
  return {
    now: () => now().getTime(),
    version,
    /** What is read at `version` from the moment `at` holds until the next clock boundary. */
    async from(version: string, at: number): Promise<Freshness> {
      const boundary = await pageCache.nextClockBoundary(new Date(at))
      return { version, renderedAt: at, expiresAt: boundary ? boundary.getTime() : Number.POSITIVE_INFINITY }
    },
  }
}

export type ContentFreshness = ReturnType<typeof createContentFreshness>
