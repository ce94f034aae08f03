import { deepFreeze } from '../shared/deep-freeze'
import type { ContentFreshness } from './freshness'
import { createFreshStore, type Freshness } from './store'

/** Every object in a kept value, frozen here: unchanging while it lives, so what is worked out from it can be kept. */
const keptObjects = new WeakSet<object>()

/** Whether `value` is part of a kept read, which never changes: things worked out from it may be kept with it. */
export const isKeptRead = (value: object): boolean => keptObjects.has(value)

const markKept = (value: object) => keptObjects.add(value)

/**
 * `workOut(value)`, kept with `value` when it is part of a kept read (which never changes while it lives), else
 * worked out each time. A promise that fails is not kept: the next call tries again.
 */
export function keptWith<K extends object, V>(workOut: (value: K) => V): (value: K) => V {
  const worked = new WeakMap<K, V>()
  return (value) => {
    if (!isKeptRead(value)) return workOut(value)
    if (worked.has(value)) return worked.get(value) as V
    const result = workOut(value)
    worked.set(value, result)
    if (result instanceof Promise) result.catch(() => worked.delete(value))
    return result
  }
}

/**
 * Values read from the database and kept, frozen, while the content version and the clock say they are still
 * true, as the page cache keeps pages: for what many pages that cannot be cached read alike, such as a
 * survey's definition on every page of a resident's journey. Nothing is kept when `maxEntries` is 0, and
 * nothing is kept for a read that found nothing.
 */
export function createKeptReads<T extends object>(freshness: ContentFreshness, maxEntries: number) {
  const store = createFreshStore<Freshness & { value: T }>(maxEntries, () => 1)
  return async (key: string, read: () => Promise<T | null>): Promise<T | null> => {
    if (maxEntries === 0) return read()
    const at = freshness.now()
    const version = await freshness.version()
    const kept = store.get(key, version, at)
    if (kept) return kept.value
    const [value, fresh] = await Promise.all([read(), freshness.from(version, at)])
    if (value) store.set(key, { ...fresh, value: deepFreeze(value, markKept) })
    return value
  }
}

export type KeptReads<T extends object> = ReturnType<typeof createKeptReads<T>>
