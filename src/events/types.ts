import type { Term } from '../consultations/types'

export const EVENT_KINDS = ['drop-in', 'public-meeting', 'webinar', 'other'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  'drop-in': 'Drop-in session',
  'public-meeting': 'Public meeting',
  webinar: 'Webinar',
  other: 'Event',
}

/** Where an event happens: a venue in the city, or online. */
export type EventPlace =
  | { kind: 'venue'; address: string; accessibility: string | null; wardSlug: string | null }
  | { kind: 'online'; url: string }

/** What an officer enters for an event. */
export interface EventInput {
  title: string
  kind: EventKind
  startsAt: Date
  endsAt: Date
  place: EventPlace
  description: string
  bookingRequired: boolean
  /** A booking link or contact; only when booking is required. */
  bookingDetails: string | null
}

export interface ConsultationEvent extends Omit<EventInput, 'place'> {
  id: number
  consultationId: number
  place:
    | { kind: 'venue'; address: string; accessibility: string | null; ward: Term | null }
    | { kind: 'online'; url: string }
  updatedAt: Date
}

/** An event on the public site, with the consultation it belongs to. */
export interface PublicEvent extends ConsultationEvent {
  consultation: { slug: string; title: string }
}
