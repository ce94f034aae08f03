import { DateTime } from 'luxon'
import { z } from 'zod'
import { RESPONSE_CHANNELS } from '../responses/types'
import type { ResultsFilter } from './types'

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date in the format YYYY-MM-DD, for example 2024-03-31')
  .refine((value) => DateTime.fromISO(value).isValid, 'Enter a real date, for example 2024-03-31')

const FILTER_FIELDS = {
  from: isoDate,
  to: isoDate,
  channel: z.enum(RESPONSE_CHANNELS, { message: 'Choose online or paper' }),
} as const

export interface FieldError {
  field: string
  text: string
}

/** Reads the results filters from a query string. A bad value is explained and left out, never a 500. */
export function parseFilter(query: Record<string, unknown>): { filter: ResultsFilter; values: Record<string, string>; errors: FieldError[] } {
  const filter: ResultsFilter = {}
  const values: Record<string, string> = {}
  const errors: FieldError[] = []
  for (const [field, schema] of Object.entries(FILTER_FIELDS)) {
    const raw = query[field]
    if (typeof raw !== 'string' || raw.trim() === '') continue
    values[field] = raw
    const parsed = schema.safeParse(raw)
    if (parsed.success) Object.assign(filter, { [field]: parsed.data })
    else errors.push({ field, text: `${field === 'from' ? 'Submitted from' : field === 'to' ? 'Submitted to' : 'Channel'}: ${parsed.error.issues[0]!.message}` })
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.push({ field: 'to', text: 'Submitted to: the end date must be the same as or after the start date' })
    delete filter.to
  }
  return { filter, values, errors }
}

/** The filter as a query string, for links that keep it. */
export function filterQuery(filter: ResultsFilter): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value)
  return params.toString()
}

export const pageNumber = z.coerce.number().int().min(1).max(100000).catch(1)
export const searchText = z.string().trim().max(200).catch('')
