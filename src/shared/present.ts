/** A value the code knows is there (a key of fixed data, an index in range): a missing one is a bug, so it throws. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`)
  return value
}
