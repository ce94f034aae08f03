import type { Request } from 'express'
import type { DateTimeParts } from '../shared/dates'

/** A posted form's fields: express.urlencoded and multer give strings (arrays when a name repeats); empty if none. */
export const formBody = (req: Request): Record<string, unknown> =>
  (req.body as Record<string, unknown> | undefined) ?? {}

/**
 * A field as String() shows it: a name that repeats gives its strings joined by commas, a missing one ''.
 * (The body parsers give nothing but strings and arrays of them; anything else is taken as missing.)
 */
export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map(fieldText).join(',')
  if (typeof value === 'string') return value
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}

/** One field of a posted form, as text. */
export const formField = (req: Request, name: string): string => fieldText(formBody(req)[name])

/** A GOV.UK date input and its time box, posted as `<name>-day`, `-month`, `-year` and `-time`. */
export const dateTimePartsOf = (body: Record<string, unknown>, name: string): DateTimeParts => ({
  day: fieldText(body[`${name}-day`]),
  month: fieldText(body[`${name}-month`]),
  year: fieldText(body[`${name}-year`]),
  time: fieldText(body[`${name}-time`]),
})
