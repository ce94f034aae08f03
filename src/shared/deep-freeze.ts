/**
 * Freezes an object and everything it holds, so that a value shared between requests cannot be changed by one.
 * `onFrozen` is told of each object frozen here (not of one found frozen already, nor what that holds).
 */
export function deepFreeze<T>(value: T, onFrozen?: (frozen: object) => void): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value
  Object.freeze(value)
  onFrozen?.(value)
  for (const child of Object.values(value)) deepFreeze(child, onFrozen)
  return value
}
