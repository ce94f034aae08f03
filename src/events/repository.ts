import type { Knex } from 'knex'
import { consultationTaggedWithAny } from '../consultations/search-repository'
import type { Taxonomy } from '../consultations/types'
import type { ConsultationEvent, EventInput, EventKind, PublicEvent } from './types'

interface EventRow {
  id: number
  consultation_id: number
  title: string
  kind: EventKind
  starts_at: Date
  ends_at: Date
  venue_address: string | null
  accessibility: string | null
  ward_slug: string | null
  ward_name: string | null
  online_url: string | null
  description: string
  booking_required: boolean
  booking_details: string | null
  updated_at: Date
  consultation_slug: string
  consultation_title: string
}

/** Which events a public list shows: those still to end, or those over, of published consultations. */
export interface EventFilters {
  when: 'upcoming' | 'past'
  /** Slugs that name existing terms. */
  termSlugs: Record<Taxonomy, string[]>
}

export interface EventPage {
  limit: number
  offset: number
}

const toEvent = (row: EventRow): PublicEvent => ({
  id: row.id,
  consultationId: row.consultation_id,
  title: row.title,
  kind: row.kind,
  startsAt: new Date(row.starts_at),
  endsAt: new Date(row.ends_at),
  place:
    row.online_url !== null
      ? { kind: 'online', url: row.online_url }
      : {
          kind: 'venue',
          address: row.venue_address ?? '',
          accessibility: row.accessibility,
          ward: row.ward_slug !== null ? { slug: row.ward_slug, name: row.ward_name ?? '' } : null,
        },
  description: row.description,
  bookingRequired: row.booking_required,
  bookingDetails: row.booking_details,
  updatedAt: new Date(row.updated_at),
  consultation: { slug: row.consultation_slug, title: row.consultation_title },
})

export function createEventRepository(db: Knex) {
  const selectEvents = (trx: Knex = db) =>
    trx('consultation_events as event')
      .join('consultations', 'consultations.id', 'event.consultation_id')
      .leftJoin('wards as ward', 'ward.id', 'event.ward_id')
      .select('event.*', 'ward.slug as ward_slug', 'ward.name as ward_name')
      .select('consultations.slug as consultation_slug', 'consultations.title as consultation_title')

  const published = (now: Date) =>
    selectEvents().whereNotNull('consultations.published_at').where('consultations.published_at', '<=', now)

  async function rowOf(input: EventInput, trx: Knex) {
    const { place } = input
    const ward =
      place.kind === 'venue' && place.wardSlug
        ? await trx('wards').where({ slug: place.wardSlug }).first<{ id: number } | undefined>('id')
        : undefined
    return {
      title: input.title,
      kind: input.kind,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      venue_address: place.kind === 'venue' ? place.address : null,
      accessibility: place.kind === 'venue' ? place.accessibility : null,
      ward_id: ward?.id ?? null,
      online_url: place.kind === 'online' ? place.url : null,
      description: input.description,
      booking_required: input.bookingRequired,
      booking_details: input.bookingDetails,
    }
  }

  function filtered(filters: EventFilters, now: Date) {
    const query = published(now)
    query.where('event.ends_at', filters.when === 'upcoming' ? '>=' : '<', now)
    const { wards, audiences, topics } = filters.termSlugs
    if (wards.length > 0) {
      // An event at a venue is in its ward; an online event is wherever its consultation is.
      query.where((where) => {
        where.whereIn('ward.slug', wards).orWhere((inner) => {
          inner.whereNull('event.ward_id').whereExists(consultationTaggedWithAny(db, 'wards', wards))
        })
      })
    }
    if (audiences.length > 0) query.whereExists(consultationTaggedWithAny(db, 'audiences', audiences))
    if (topics.length > 0) query.whereExists(consultationTaggedWithAny(db, 'topics', topics))
    return query
  }

  return {
    async list(filters: EventFilters, page: EventPage, now: Date): Promise<{ events: PublicEvent[]; total: number }> {
      const direction = filters.when === 'upcoming' ? 'asc' : 'desc'
      const [countRow, rows] = await Promise.all([
        filtered(filters, now).clearSelect().count<{ count: string | number }[]>({ count: '*' }).first(),
        filtered(filters, now)
          .orderBy([{ column: 'event.starts_at', order: direction }, { column: 'event.id' }])
          .limit(page.limit)
          .offset(page.offset) as Promise<EventRow[]>,
      ])
      return { events: rows.map(toEvent), total: Number(countRow?.count ?? 0) }
    },

    /** An event of a published consultation, for its calendar file. */
    async findPublished(id: number, now: Date): Promise<PublicEvent | null> {
      const row = (await published(now).where('event.id', id).first()) as EventRow | undefined
      return row ? toEvent(row) : null
    },

    async listForConsultation(consultationId: number, trx: Knex = db): Promise<ConsultationEvent[]> {
      const rows = (await selectEvents(trx)
        .where('event.consultation_id', consultationId)
        .orderBy([{ column: 'event.starts_at' }, { column: 'event.id' }])) as EventRow[]
      return rows.map(toEvent)
    },

    async find(consultationId: number, id: number, trx: Knex = db): Promise<ConsultationEvent | null> {
      const row = (await selectEvents(trx)
        .where({ 'event.consultation_id': consultationId, 'event.id': id })
        .first()) as EventRow | undefined
      return row ? toEvent(row) : null
    },

    async insert(consultationId: number, input: EventInput, trx: Knex): Promise<number> {
      const [row] = await trx('consultation_events')
        .insert({ consultation_id: consultationId, ...(await rowOf(input, trx)) })
        .returning<{ id: number }[]>('id')
      if (!row) throw new Error('The event was not inserted')
      return row.id
    },

    async update(consultationId: number, id: number, input: EventInput, now: Date, trx: Knex): Promise<boolean> {
      const changed = await trx('consultation_events')
        .where({ consultation_id: consultationId, id })
        .update({ ...(await rowOf(input, trx)), updated_at: now })
      return changed > 0
    },

    async delete(consultationId: number, id: number, trx: Knex): Promise<boolean> {
      const deleted = await trx('consultation_events')
        .where({ consultation_id: consultationId, id })
        .delete()
        .returning<{ id: number }[]>('id')
      return deleted.length > 0
    },
  }
}

export type EventRepository = ReturnType<typeof createEventRepository>
