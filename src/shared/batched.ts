/**
 * One database statement for all the requests waiting on it, each with a key (and, for a write, what to write
 * under it). A request that arrives while a statement is running waits for the next one, which starts after it
 * arrived: a read never sees a value older than its arrival, and a write never overtakes an earlier one. Under
 * load, one statement, for every key given meanwhile, serves every request that came in while the last one ran;
 * of two writes under one key in a batch, the later is written, and both wait for it. If the running statement
 * fails, the requests waiting behind it get its failure, at once, rather than waiting as long again for one of
 * their own (the database is down or not answering).
 */
export function batched<K, P, R>(
  runBatch: (items: Map<K, P>) => Promise<Map<K, R>>,
): (key: K, item: P) => Promise<R | undefined> {
  let running: Promise<unknown> | undefined
  let queued: { items: Map<K, P>; results: Promise<Map<K, R>> } | undefined

  const start = (items: Map<K, P>): Promise<Map<K, R>> => {
    const current = runBatch(items).finally(() => {
      if (running === current) running = undefined
    })
    running = current
    return current
  }

  const queue = (after: Promise<unknown>) => {
    const items = new Map<K, P>()
    const results = after.then(
      () => {
        queued = undefined
        return start(items)
      },
      (err: unknown) => {
        queued = undefined
        throw err
      },
    )
    return { items, results }
  }

  return async (key, item) => {
    if (!running) return (await start(new Map([[key, item]]))).get(key)
    queued ??= queue(running)
    queued.items.set(key, item)
    return (await queued.results).get(key)
  }
}

/** batched reads: each request asks for a key, and one read finds them all. */
export function batchedReads<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  const read = batched<K, undefined, V>((items) => readMany([...items.keys()]))
  return (key) => read(key, undefined)
}

const ONLY = 'only'

/** batchedReads of a read that takes no key, such as the content version's. */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  const batchedRead = batchedReads(async () => new Map([[ONLY, await read()]]))
  return async () => (await batchedRead(ONLY)) as T
}
