import ical from 'ical-generator'
import { EVENT_KIND_LABELS, type PublicEvent } from './types'

export interface CalendarSite {
  baseUrl: string
  siteName: string
  councilName: string
}

export const eventUrl = (event: PublicEvent, baseUrl: string) =>
  `${baseUrl}/consultations/${event.consultation.slug}#event-${event.id}`

function descriptionOf(event: PublicEvent, baseUrl: string): string {
  const lines = [
    `${EVENT_KIND_LABELS[event.kind]} for the consultation "${event.consultation.title}".`,
    '',
    event.description,
  ]
  if (event.place.kind === 'venue' && event.place.accessibility)
    lines.push('', `Accessibility: ${event.place.accessibility}`)
  lines.push('', event.bookingRequired ? `Booking needed: ${event.bookingDetails ?? ''}` : 'No need to book.')
  lines.push('', `More about the consultation: ${baseUrl}/consultations/${event.consultation.slug}`)
  return lines.join('\n')
}

/**
 * An iCalendar file of events, written by ical-generator. Times are written in UTC (…Z), which every calendar
 * converts to its own zone, so an event stays at its London time on either side of a change of the clocks.
 */
export function eventsCalendar(events: PublicEvent[], site: CalendarSite, name: string): string {
  const host = new URL(site.baseUrl).host
  const calendar = ical({
    name,
    prodId: { company: site.councilName, product: site.siteName, language: 'EN' },
    url: `${site.baseUrl}/events`,
    ttl: 60 * 60,
  })
  for (const event of events) {
    calendar.createEvent({
      id: `consultation-event-${event.id}@${host}`,
      start: event.startsAt,
      end: event.endsAt,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      summary: event.title,
      description: descriptionOf(event, site.baseUrl),
      location: event.place.kind === 'venue' ? event.place.address.replace(/\s*\n\s*/g, ', ') : event.place.url,
      url: eventUrl(event, site.baseUrl),
    })
  }
  return calendar.toString()
}
