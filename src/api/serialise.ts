import type { ConsultationEvent } from '../events/types'
import { statusLabelOf } from '../consultations/lifecycle'
import type { ConsultationDetail, ConsultationSummary, Taxonomy, Term } from '../consultations/types'
import { isoLondonDate } from '../shared/dates'

/** One consultation as the open-data API gives it: stable names, ISO 8601 instants, absolute URLs. */
export function consultationResource(
  consultation: ConsultationSummary & { terms: Record<Taxonomy, Term[]> },
  baseUrl: string,
) {
  return {
    slug: consultation.slug,
    title: consultation.title,
    status: consultation.status,
    statusLabel: statusLabelOf(consultation),
    outcome: {
      dueOn: isoLondonDate(consultation.outcomeDueAt),
      published: consultation.outcomePublished,
      overdue: consultation.outcomeOverdue,
    },
    opensAt: consultation.opensAt.toISOString(),
    closesAt: consultation.closesAt.toISOString(),
    summary: consultation.summary,
    url: `${baseUrl}/consultations/${consultation.slug}`,
    isSample: consultation.isSample,
    wards: consultation.terms.wards.map(termResource),
    audiences: consultation.terms.audiences.map(termResource),
    topics: consultation.terms.topics.map(termResource),
  }
}

const termResource = (term: Term) => ({ name: term.name, slug: term.slug })

/** The detail adds the sections (as Markdown), related links and any published feedback. */
export function consultationDetailResource(
  consultation: ConsultationDetail,
  baseUrl: string,
  events: ConsultationEvent[] = [],
) {
  const { feedback } = consultation
  return {
    ...consultationResource(consultation, baseUrl),
    sections: consultation.sections.map((section) => ({
      heading: section.heading,
      bodyMarkdown: section.bodyMarkdown,
    })),
    links: consultation.links.map((link) => ({ title: link.title, url: link.url })),
    events: events.map((event) => eventResource(event, baseUrl)),
    feedback: feedback
      ? {
          weAsked: feedback.weAsked,
          youSaid: feedback.youSaid,
          weDid: feedback.weDid,
          publishedAt: feedback.publishedAt?.toISOString() ?? null,
          feedbackUpdatedAt: feedback.feedbackUpdatedAt.toISOString(),
          resultsUpdatedAt: feedback.resultsUpdatedAt?.toISOString() ?? null,
        }
      : null,
  }
}

/** One event as the API gives it: instants in ISO 8601 (UTC), its place, booking and consultation. */
export function eventResource(
  event: ConsultationEvent & { consultation?: { slug: string; title: string } },
  baseUrl: string,
) {
  const { place } = event
  return {
    id: event.id,
    title: event.title,
    kind: event.kind,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    venue:
      place.kind === 'venue'
        ? {
            address: place.address,
            accessibility: place.accessibility,
            ward: place.ward ? termResource(place.ward) : null,
          }
        : null,
    onlineUrl: place.kind === 'online' ? place.url : null,
    description: event.description,
    bookingRequired: event.bookingRequired,
    bookingDetails: event.bookingDetails,
    calendarUrl: `${baseUrl}/events/${event.id}.ics`,
    ...(event.consultation
      ? {
          consultation: {
            slug: event.consultation.slug,
            title: event.consultation.title,
            url: `${baseUrl}/consultations/${event.consultation.slug}`,
          },
        }
      : {}),
  }
}
