import { startedEarly } from '../shared/promises'
import type { ResultsCacheRepository } from './cache-repository'
import type { ResultsRepository } from './repository'

/**
 * The aggregate queries worth keeping: each reads every answer to a question, a million rows on a large
 * consultation.
 */
const CACHED = [
  'countRespondents',
  'optionCounts',
  'countAnswered',
  'numberSummary',
  'dateSummary',
  'crossTab',
] as const
type Cached = (typeof CACHED)[number]

/**
 * The results repository for one consultation, with its aggregates kept in PostgreSQL (results_cache) for
 * as long as the consultation's responses stay the same: a closed consultation's figures are computed once
 * for every officer and every instance, and a new response is counted on the next view.
 */
export function cachedResults(
  results: ResultsRepository,
  cache: ResultsCacheRepository,
  consultationId: number,
): ResultsRepository {
  const stamp = startedEarly(cache.responsesStamp(consultationId))
  const keep = <Name extends Cached>(name: Name): ResultsRepository[Name] => {
    const compute = results[name] as (...args: unknown[]) => Promise<unknown>
    return (async (...args: unknown[]) => {
      const key = JSON.stringify([name, ...args])
      const current = await stamp
      const hit = await cache.find(consultationId, key, current)
      if (hit) return hit.value
      const value = await compute(...args)
      // Best effort: a value that could not be kept (say, its consultation was deleted meanwhile) is computed
      // again next time.
      await cache.store(consultationId, key, current, value).catch(() => {
        // Not kept: computed again on the next view.
      })
      return value
    }) as ResultsRepository[Name]
  }
  return { ...results, ...Object.fromEntries(CACHED.map((name) => [name, keep(name)])) }
}
