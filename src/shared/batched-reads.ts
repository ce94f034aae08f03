/**
 * One database read for all the requests waiting on it, each asking for a key. A request that arrives while a
 * read is running waits for the next one, which starts after it arrived, so it never sees a value older than its
 * own arrival: under load, one read, for every key asked for meanwhile, serves every request that came in while
 * the last one ran. If the running read fails, the requests waiting behind it get its failure, at once, rather
 * than waiting as long again for a read of their own (the database is down or not answering).
 */
export function batchedReads<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let running: Promise<unknown> | undefined
  let queued: { keys: Set<K>; values: Promise<Map<K, V>> } | undefined

  const start = (keys: Set<K>): Promise<Map<K, V>> => {
    const current = readMany([...keys]).finally(() => {
      if (running === current) running = undefined
    })
    running = current
    return current
  }

  const queue = (after: Promise<unknown>) => {
    const keys = new Set<K>()
    const values = after.then(
      () => {
        queued = undefined
        return start(keys)
      },
      (err: unknown) => {
        queued = undefined
        throw err
      },
    )
    return { keys, values }
  }

  return async (key) => {
    if (!running) return (await start(new Set([key]))).get(key)
    queued ??= queue(running)
    queued.keys.add(key)
    return (await queued.values).get(key)
  }
}

const ONLY = 'only'

/** batchedReads of a read that takes no key, such as the content version's. */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  const batched = batchedReads(async () => new Map([[ONLY, await read()]]))
  return async () => (await batched(ONLY)) as T
}
