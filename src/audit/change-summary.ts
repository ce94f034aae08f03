/** One line of an audit entry's change, as an officer reads it in the audit log. */
export interface ChangeLine {
  field: string
  text: string
}

const MAX_VALUE = 80
const MAX_LINES = 8

/** "questionIds" → "Question ids", "opens_at" → "Opens at". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const clipped = (text: string): string => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text)

/** A stored value in words: text quoted, lists joined, objects as their fields, nothing as "none". */
export function describeValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined || value === '') return 'none'
  if (typeof value === 'string') return `“${clipped(value)}”`
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : clipped(value.map((item) => describeValue(item, depth + 1)).join(', '))
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0) return 'none'
    if (depth > 0) return `${entries.length} ${entries.length === 1 ? 'field' : 'fields'}`
    const described = entries.map(([key, inner]) => `${fieldLabel(key).toLowerCase()} ${describeValue(inner, 1)}`)
    return clipped(described.join('; '))
  }
  return 'a value'
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * An audit entry's before and after as short lines, one per field that changed ("Title: “Old” to
 * “New”"), instead of raw JSON, which on a long change widened the page beyond the screen.
 */
interface Changes {
  before?: Record<string, unknown>
  after?: Record<string, unknown>
}

export function summariseChanges(changes: Changes | null | undefined): ChangeLine[] {
  const before = changes?.before ?? {}
  const after = changes?.after ?? {}
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const lines: ChangeLine[] = []
  for (const key of keys) {
    const had = key in before
    const has = key in after
    if (had && has && same(before[key], after[key])) continue
    const text =
      had && has
        ? `${describeValue(before[key])} to ${describeValue(after[key])}`
        : has
          ? describeValue(after[key])
          : `${describeValue(before[key])} (removed)`
    lines.push({ field: fieldLabel(key), text })
  }
  if (lines.length > MAX_LINES) {
    const more = lines.length - (MAX_LINES - 1)
    const rest = { field: 'And', text: `${more} more ${more === 1 ? 'change' : 'changes'}` }
    return [...lines.slice(0, MAX_LINES - 1), rest]
  }
  return lines
}
