import { DateTime } from 'luxon'
import { COUNCIL_TIME_ZONE } from '../shared/dates'
import { EVENT_KIND_LABELS, type EventKind } from './types'

const inLondon = (instant: Date) => DateTime.fromJSDate(instant).setZone(COUNCIL_TIME_ZONE)

/** "6pm", "9:30am", "midday", as GOV.UK style writes times. */
function clockTime(local: DateTime): string {
  if (local.hour === 12 && local.minute === 0) return 'midday'
  if (local.hour === 0 && local.minute === 0) return 'midnight'
  return local.toFormat(local.minute === 0 ? 'ha' : 'h:mma').toLowerCase()
}

const day = (local: DateTime) => local.toFormat('cccc d MMMM yyyy')

/** "Saturday 27 March 2027, 6pm to 8pm" in London time; an event over several days names both days. */
export function eventTimes({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }): string {
  const start = inLondon(startsAt)
  const end = inLondon(endsAt)
  return start.hasSame(end, 'day')
    ? `${day(start)}, ${clockTime(start)} to ${clockTime(end)}`
    : `${day(start)}, ${clockTime(start)} to ${day(end)}, ${clockTime(end)}`
}

export const eventKind = (kind: EventKind): string => EVENT_KIND_LABELS[kind]
