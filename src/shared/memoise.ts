/**
 * A pure function of a string, remembered for the `max` inputs used most recently: for work that every page
 * view would otherwise repeat on the same text, such as rendering a consultation's Markdown.
 */
export function memoiseText<T>(compute: (input: string) => T, max: number): (input: string) => T {
  const remembered = new Map<string, T>()
  return (input) => {
    const found = remembered.get(input)
    if (found !== undefined || remembered.has(input)) {
      remembered.delete(input)
      remembered.set(input, found as T)
      return found as T
    }
    const value = compute(input)
    remembered.set(input, value)
    if (remembered.size > max) remembered.delete(remembered.keys().next().value as string)
    return value
  }
}
