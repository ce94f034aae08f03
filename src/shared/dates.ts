import { DateTime } from 'luxon'

export const COUNCIL_TIME_ZONE = 'Europe/London'

/** A wall-clock date and time in Europe/London, e.g. `2014-11-04T00:00`, as an instant. */
export function londonWallTime(isoLocal: string): Date {
  const parsed = DateTime.fromISO(isoLocal, { zone: COUNCIL_TIME_ZONE })
  if (!parsed.isValid) throw new Error(`Invalid London date-time: ${isoLocal}`)
  return parsed.toJSDate()
}

/** A calendar date as the council means it: opening at 00:00 London time. */
export function startOfLondonDay(isoDate: string): Date {
  return londonWallTime(`${isoDate}T00:00`)
}

/** A calendar date as the council means it: closing at 23:59 London time. */
export function endOfLondonDay(isoDate: string): Date {
  return londonWallTime(`${isoDate}T23:59`)
}

function inLondon(instant: Date): DateTime {
  return DateTime.fromJSDate(instant).setZone(COUNCIL_TIME_ZONE)
}

// Made once: pages format many dates, and an Intl formatter costs far less to reuse than Luxon's zone maths.
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: COUNCIL_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: COUNCIL_TIME_ZONE,
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
})

/** "4 November 2014" */
export function formatLondonDate(instant: Date): string {
  return LONDON_DATE.format(instant)
}

/** "11:59pm", "12:00am" */
function formatLondonTime(instant: Date): string {
  return LONDON_TIME.formatToParts(instant)
    .filter((part) => part.type !== 'literal' || part.value === ':')
    .map((part) => part.value.toLowerCase())
    .join('')
}

/** "4 November 2014 at 11:59pm" */
export function formatLondonDateTime(instant: Date): string {
  return `${formatLondonDate(instant)} at ${formatLondonTime(instant)}`
}

/** "2014-11-04", the London calendar date, for machine-readable attributes. */
export function isoLondonDate(instant: Date): string {
  return inLondon(instant).toISODate() ?? ''
}

/** Days from now to a London calendar date, counting today as day 0. */
export function addLondonDays(from: Date, days: number): string {
  return inLondon(from).plus({ days }).toISODate() ?? ''
}

export interface DateTimeParts {
  day: string
  month: string
  year: string
  time: string
}

/** Officers' GOV.UK date input plus a 24-hour time, read as a Europe/London wall time; null if not a real date. */
export function londonDateTimeFromParts(parts: DateTimeParts): Date | null {
  const time = /^(\d{1,2})[:.](\d{2})$/.exec(parts.time.trim())
  const [day = NaN, month = NaN, year = NaN] = [parts.day, parts.month, parts.year].map((part) =>
    /^\d{1,4}$/.test(part.trim()) ? Number(part) : NaN,
  )
  if (!time || [day, month, year].some(Number.isNaN) || year < 2000 || year > 2100) return null
  const local = DateTime.fromObject(
    { year, month, day, hour: Number(time[1]), minute: Number(time[2]) },
    { zone: COUNCIL_TIME_ZONE },
  )
  return local.isValid ? local.toJSDate() : null
}

/** The parts of an instant as London wall time, to fill a date and time input. */
export function londonDateTimeParts(instant: Date): DateTimeParts {
  const local = inLondon(instant)
  return { day: String(local.day), month: String(local.month), year: String(local.year), time: local.toFormat('HH:mm') }
}
