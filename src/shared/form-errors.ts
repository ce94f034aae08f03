import type { z } from 'zod'

export interface ErrorSummaryItem {
  text: string
  href: string
}

/** What a GOV.UK form view needs to show errors: the summary at the top and a message by each field. */
export interface FormErrors {
  errorSummaryItems: ErrorSummaryItem[]
  fieldErrors: Record<string, FieldError>
}

/** A field's message; for a GOV.UK date input, `parts` names the boxes at fault (`day`, `month`, `year`, `time`). */
export interface FieldError {
  text: string
  parts?: string[]
}

/** The boxes of a date (and time) input that an issue's path can point at, below the field's own name. */
const INPUT_PARTS = new Set(['day', 'month', 'year', 'time'])

/**
 * Turns field messages into the GOV.UK error pattern. `anchors` can point a field's summary link at
 * a particular input, for example a date field at its day input.
 */
export function formErrorsFrom(
  messages: Record<string, string>,
  anchors: Record<string, string> = {},
  parts: Record<string, string[]> = {},
): FormErrors {
  const entries = Object.entries(messages)
  const anchorOf = (field: string) => (parts[field]?.[0] ? `${field}-${parts[field][0]}` : (anchors[field] ?? field))
  return {
    errorSummaryItems: entries.map(([field, text]) => ({ text, href: `#${anchorOf(field)}` })),
    fieldErrors: Object.fromEntries(
      entries.map(([field, text]) => [field, parts[field] ? { text, parts: parts[field] } : { text }]),
    ),
  }
}

/** The boxes at fault in each date field, from issues whose path goes on to a part (`opensAt.month`). */
export function inputPartsOf(error: z.ZodError): Record<string, string[]> {
  const parts: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const [field, part] = issue.path.map(String)
    if (field === undefined || part === undefined || !INPUT_PARTS.has(part)) continue
    parts[field] ??= []
    if (!parts[field].includes(part)) parts[field].push(part)
  }
  return parts
}

/** One message per field (the first zod reports), keyed by the field's top-level name. */
export function fieldMessagesOf(error: z.ZodError): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form'
    messages[field] ??= issue.message
  }
  return messages
}

export function formErrorsOf(error: z.ZodError, anchors: Record<string, string> = {}): FormErrors {
  return formErrorsFrom(fieldMessagesOf(error), anchors, inputPartsOf(error))
}
