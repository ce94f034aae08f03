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

/** "4 November 2014" */
export function formatLondonDate(instant: Date): string {
  return inLondon(instant).toFormat('d MMMM yyyy')
}

/** "4 November 2014 at 11:59pm" */
export function formatLondonDateTime(instant: Date): string {
  const local = inLondon(instant)
  return `${local.toFormat('d MMMM yyyy')} at ${local.toFormat('h:mma').toLowerCase()}`
}

/** "2014-11-04", the London calendar date, for machine-readable attributes. */
export function isoLondonDate(instant: Date): string {
  return inLondon(instant).toISODate() ?? ''
}

/** Days from now to a London calendar date, counting today as day 0. */
export function addLondonDays(from: Date, days: number): string {
  return inLondon(from).plus({ days }).toISODate() ?? ''
}
