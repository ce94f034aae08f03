import { DateTime } from 'luxon'
import { z } from 'zod'
import { londonDateTimeFromParts } from './dates'
import { present } from './present'

export const DATE_PARTS = ['day', 'month', 'year'] as const
export type DatePart = (typeof DATE_PARTS)[number]
export type DateParts = Record<DatePart, string>

/** What a GOV.UK date input holds: blank, a calendar date, or a problem with the parts at fault. */
export type DatePartsReading =
  { kind: 'blank' } | { kind: 'date'; iso: string } | { kind: 'problem'; message: string; fault: DatePart[] }

const listed = (parts: DatePart[]): string =>
  parts.length === 1
    ? present(parts[0], 'The part at fault')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`

/**
 * Reads a GOV.UK date input as the Design System asks: a missing part is named ("must include a
 * month"), and an impossible date blames only the part that is wrong (month 13 is the month's fault;
 * 31 February is the day's). `subject` starts the message, e.g. "The date the consultation opens".
 */
export function readDateParts(parts: DateParts, subject: string, years = { min: 1000, max: 9999 }): DatePartsReading {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }
  const missing = DATE_PARTS.filter((part) => trimmed[part] === '')
  if (missing.length === 3) return { kind: 'blank' }
  if (missing.length > 0) {
    return { kind: 'problem', message: `${subject} must include a ${listed(missing)}`, fault: missing }
  }
  const real = `${subject} must be a real date, like 27 3 2026`
  const day = /^\d{1,2}$/.test(trimmed.day) ? Number(trimmed.day) : NaN
  const month = /^\d{1,2}$/.test(trimmed.month) ? Number(trimmed.month) : NaN
  const year = /^\d{4}$/.test(trimmed.year) ? Number(trimmed.year) : NaN
  const fault: DatePart[] = []
  if (!(day >= 1 && day <= 31)) fault.push('day')
  if (!(month >= 1 && month <= 12)) fault.push('month')
  if (!(year >= years.min && year <= years.max)) fault.push('year')
  if (fault.length > 0) return { kind: 'problem', message: real, fault }
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' })
  if (!date.isValid) return { kind: 'problem', message: real, fault: ['day'] }
  return { kind: 'date', iso: date.toISODate() }
}

/** Adds a date problem to a zod context, one issue per part at fault, so the error points at those boxes. */
export function addDateIssues(ctx: z.RefinementCtx, message: string, fault: readonly string[]): void {
  for (const part of fault) ctx.addIssue({ code: 'custom', message, path: [part] })
}

export const datePartsSchema = z.object({ day: z.string(), month: z.string(), year: z.string() })

/**
 * A GOV.UK date input plus a 24-hour time box, read as a Europe/London instant. `what` ends the messages:
 * "Enter the date the event starts", "The time the event starts must be a real time…".
 */
export const londonDateTimeSchema = (what: string) =>
  z.object({ day: z.string(), month: z.string(), year: z.string(), time: z.string() }).transform((parts, ctx) => {
    const reading = readDateParts(parts, `The date ${what}`, { min: 2000, max: 2100 })
    if (reading.kind === 'blank') {
      addDateIssues(ctx, `Enter the date ${what}`, DATE_PARTS)
      return z.NEVER
    }
    if (reading.kind === 'problem') {
      addDateIssues(ctx, reading.message, reading.fault)
      return z.NEVER
    }
    const date = londonDateTimeFromParts(parts)
    if (!parts.time.trim() || !date) {
      const message = parts.time.trim()
        ? `The time ${what} must be a real time, like 09:00 or 23:59`
        : `Enter the time ${what}, like 09:00 or 23:59`
      addDateIssues(ctx, message, ['time'])
      return z.NEVER
    }
    return date
  })

/** The boxes of a date input filled from a calendar day (`2026-03-07` → 7, 3, 2026); blank for null. */
export function datePartsOf(isoDay: string | null): DateParts {
  const [year = '', month = '', day = ''] = isoDay ? isoDay.split('-').map((part) => String(Number(part))) : []
  return { day, month, year }
}

/** A date input's parts as a calendar day (`2026-03-07`) between 2000 and 2100, null when blank, or issues. */
function readCalendarDay(parts: DateParts, ctx: z.RefinementCtx, subject: string): string | null {
  const reading = readDateParts(parts, subject, { min: 2000, max: 2100 })
  if (reading.kind === 'date') return reading.iso
  if (reading.kind === 'blank') return null
  addDateIssues(ctx, reading.message, reading.fault)
  return z.NEVER
}

/** A GOV.UK date input for a calendar day that may be left blank (null). */
export const optionalCalendarDay = (subject: string) =>
  datePartsSchema.transform((parts, ctx) => readCalendarDay(parts, ctx, subject))

/** A GOV.UK date input for a calendar day that must be given; `blank` is the message when it is not. */
export const calendarDay = (subject: string, blank: string) =>
  datePartsSchema.transform((parts, ctx): string => {
    const day = readCalendarDay(parts, ctx, subject)
    if (day !== null) return day
    addDateIssues(ctx, blank, DATE_PARTS)
    return z.NEVER
  })
