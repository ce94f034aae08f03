import { z } from 'zod'
import { formText } from '../shared/text'
import { DATE_PARTS, type DateParts, readDateParts } from '../shared/date-parts'
import { formErrorsFrom, type FormErrors } from '../shared/form-errors'
import { RESPONSE_CHANNELS, type ResponseChannel } from './types'

/**
 * Which responses a page covers: the results pages, the exports and the responses list all read it
 * from the same query string (GOV.UK date inputs `from-day`, `from-month`, `from-year`, the same for
 * `to`, and `channel`). Dates are London calendar days, both inclusive, as ISO dates.
 */
export interface ResponseFilter {
  from?: string
  to?: string
  channel?: ResponseChannel
}

const DATE_FIELDS = { from: 'From date', to: 'To date' } as const
type DateField = keyof typeof DATE_FIELDS

const text = formText().max(20).catch('')
const DATE_NAMES = Object.keys(DATE_FIELDS).flatMap((field) => DATE_PARTS.map((part) => `${field}-${part}`))
const FILTER_NAMES = [...DATE_NAMES, 'channel']

/** The filter's query parameters as typed, each a short string (anything else reads as blank). */
export const filterQuerySchema = z.object(
  Object.fromEntries(FILTER_NAMES.map((name) => [name, text.optional().catch(undefined)])),
)

export interface ParsedFilter {
  filter: ResponseFilter
  /** What was typed, to show again in the form. */
  values: Record<string, string>
  /** The GOV.UK error pattern: a summary, and a message by the date whose boxes at fault are marked. */
  errors: FormErrors
}

/** Reads the filter from a query string. A bad value is explained and left out of the filter, never a 500. */
export function parseFilter(query: Record<string, unknown>): ParsedFilter {
  const raw = filterQuerySchema.parse(query)
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(raw).flatMap(([name, value]) => (value ? [[name, value]] : [])),
  )
  const filter: ResponseFilter = {}
  const messages: Record<string, string> = {}
  const parts: Record<string, string[]> = {}
  for (const field of Object.keys(DATE_FIELDS) as DateField[]) {
    const typed = Object.fromEntries(DATE_PARTS.map((part) => [part, values[`${field}-${part}`] ?? ''])) as DateParts
    const reading = readDateParts(typed, DATE_FIELDS[field])
    if (reading.kind === 'date') filter[field] = reading.iso
    else if (reading.kind === 'problem') {
      messages[field] = reading.message
      parts[field] = reading.fault
    }
  }
  const channel = values.channel
  if (channel && (RESPONSE_CHANNELS as readonly string[]).includes(channel)) filter.channel = channel as ResponseChannel
  else if (channel) messages.channel = 'Channel must be online, paper, or online and paper'
  if (filter.from && filter.to && filter.from > filter.to) {
    messages.to = 'To date must be the same as or after the from date'
    parts.to = [...DATE_PARTS]
    delete filter.to
  }
  return { filter, values, errors: formErrorsFrom(messages, {}, parts) }
}

/** The filter as query parameters, in the shape the filter form sends. */
export function filterParams(filter: ResponseFilter): Record<string, string> {
  const params: Record<string, string> = {}
  for (const field of Object.keys(DATE_FIELDS) as DateField[]) {
    const iso = filter[field]
    if (!iso) continue
    const [year, month, day] = iso.split('-').map(Number)
    params[`${field}-day`] = String(day)
    params[`${field}-month`] = String(month)
    params[`${field}-year`] = String(year)
  }
  if (filter.channel) params.channel = filter.channel
  return params
}

/** The filter as a query string (without "?"), for links that keep it. */
export function filterQuery(filter: ResponseFilter): string {
  return new URLSearchParams(filterParams(filter)).toString()
}

export const hasFilter = (filter: ResponseFilter): boolean => [filter.from, filter.to, filter.channel].some(Boolean)
