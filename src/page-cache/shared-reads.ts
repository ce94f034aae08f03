/**
 * One database read for all the requests waiting on it. A request that arrives while a read is running waits
 * for the next one, which starts after it arrived, so it never sees a value older than its own arrival: under
 * load, one read serves every request that came in while the last one ran. If the running read fails, the
 * requests waiting behind it get its failure.
 */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined
  let queued: Promise<T> | undefined
  const start = (): Promise<T> => {
    const current = read().finally(() => {
      if (running === current) running = undefined
    })
    running = current
    return current
  }
  return () => {
    if (!running) return start()
    // When the read they wait behind fails (the database is down or not answering), they fail with it, at
    // once, rather than waiting as long again for a read of their own.
    queued ??= running.then(
      () => {
        queued = undefined
        return start()
      },
      (err: unknown) => {
        queued = undefined
        throw err
      },
    )
    return queued
  }
}
