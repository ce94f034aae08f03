/**
 * Marks a promise that is started now and awaited later: if it fails before anyone awaits it (or the
 * awaiting code has already failed for another reason), that is not an unhandled rejection. Awaiting
 * the promise still throws.
 */
export function startedEarly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {
    // Left for whoever awaits it.
  })
  return promise
}
