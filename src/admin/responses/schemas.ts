import { DateTime } from 'luxon'
import { z } from 'zod'
import { RESPONSE_CHANNELS } from '../../responses/types'
import { COUNCIL_TIME_ZONE } from '../../shared/dates'
import type { ResponseFilter } from './repository'

const part = z.string().trim().max(4).optional().catch(undefined)
const DATE_LABELS = { from: 'From date', to: 'To date' } as const

export const responseQuerySchema = z.object({
  'from-day': part, 'from-month': part, 'from-year': part,
  'to-day': part, 'to-month': part, 'to-year': part,
  channel: z.enum(RESPONSE_CHANNELS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
})
export type ResponseQuery = z.infer<typeof responseQuerySchema>

/** A London calendar day from a GOV.UK date input: undefined when blank, an error message when not a real date. */
function londonDay(query: ResponseQuery, prefix: 'from' | 'to'): DateTime | undefined | string {
  const [day, month, year] = (['day', 'month', 'year'] as const).map((name) => query[`${prefix}-${name}`] ?? '')
  if (!day && !month && !year) return undefined
  const parsed = [day, month, year].every((value) => /^\d+$/.test(value!)) && year!.length === 4
    ? DateTime.fromObject({ day: Number(day), month: Number(month), year: Number(year) }, { zone: COUNCIL_TIME_ZONE })
    : null
  return parsed?.isValid ? parsed : `${DATE_LABELS[prefix]} must be a real date, like 27 3 2026`
}

/** The list's filter from its query; a date that is not real is explained and left out of the filter. */
export function responseFilterOf(query: ResponseQuery): { filter: ResponseFilter; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const filter: ResponseFilter = query.channel ? { channel: query.channel } : {}
  const from = londonDay(query, 'from')
  const to = londonDay(query, 'to')
  if (typeof from === 'string') errors.from = from
  else if (from) filter.from = from.toJSDate()
  if (typeof to === 'string') errors.to = to
  else if (to) filter.to = to.plus({ days: 1 }).toJSDate()
  if (filter.from && filter.to && filter.from >= filter.to) {
    errors.to = 'To date must be the same as or after the from date'
    delete filter.to
  }
  return { filter, errors }
}

export const confirmDeleteSchema = z.object({ confirm: z.enum(['yes', 'no'], { error: 'Select yes if you want to delete this response' }) })
