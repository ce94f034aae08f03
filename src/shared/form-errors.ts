import type { z } from 'zod'

export interface ErrorSummaryItem {
  text: string
  href: string
}

/** What a GOV.UK form view needs to show errors: the summary at the top and a message by each field. */
export interface FormErrors {
  errorSummaryItems: ErrorSummaryItem[]
  fieldErrors: Record<string, { text: string }>
}

/**
 * Turns field messages into the GOV.UK error pattern. `anchors` can point a field's summary link at
 * a particular input, for example a date field at its day input.
 */
export function formErrorsFrom(messages: Record<string, string>, anchors: Record<string, string> = {}): FormErrors {
  const entries = Object.entries(messages)
  return {
    errorSummaryItems: entries.map(([field, text]) => ({ text, href: `#${anchors[field] ?? field}` })),
    fieldErrors: Object.fromEntries(entries.map(([field, text]) => [field, { text }])),
  }
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
  return formErrorsFrom(fieldMessagesOf(error), anchors)
}

