import type { Knex } from 'knex'
import type { Actor, AuditService } from '../audit/service'
import type { FinderQuery } from '../consultations/finder-schema'
import type { FinderService } from '../consultations/finder-service'
import type { EventRepository } from './repository'
import type { ConsultationEvent, EventInput, PublicEvent } from './types'

export interface EventServiceDeps {
  db: Knex
  events: EventRepository
  finder: Pick<FinderService, 'resolveTerms'>
  audit: AuditService
  now: () => Date
}

export type EventTime = 'upcoming' | 'past'

/** The finder's filters that events honour: one query shape for consultations and their events. */
export type EventQuery = Pick<FinderQuery, 'ward' | 'audience' | 'topic' | 'page'>

/** What the audit log keeps of an event. */
const auditedFields = (event: EventInput | ConsultationEvent): Record<string, unknown> => ({
  title: event.title,
  kind: event.kind,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  place: event.place,
  description: event.description,
  bookingRequired: event.bookingRequired,
  bookingDetails: event.bookingDetails,
})

/** Consultation events: officers add, change and delete them (each audit-logged); the public site lists them. */
export function createEventService({ db, events, finder, audit, now }: EventServiceDeps) {
  const record = (
    actor: Actor | null,
    trx: Knex,
    action: string,
    consultationId: number,
    id: number,
    before: ConsultationEvent | null,
    after: EventInput | null,
  ) =>
    audit.record(
      actor,
      {
        action: `event.${action}`,
        entityType: 'event',
        entityId: id,
        consultationId,
        before: before ? auditedFields(before) : null,
        after: after ? auditedFields(after) : null,
      },
      trx,
    )

  return {
    listForConsultation: (consultationId: number) => events.listForConsultation(consultationId),

    find: (consultationId: number, id: number) => events.find(consultationId, id),

    /** One consultation's events, split at the present moment (an event counts as upcoming until it ends). */
    async forOverview(consultationId: number): Promise<Record<EventTime, ConsultationEvent[]>> {
      const at = now()
      const all = await events.listForConsultation(consultationId)
      return {
        upcoming: all.filter((event) => event.endsAt >= at),
        past: all.filter((event) => event.endsAt < at).reverse(),
      }
    },

    /** Events of published consultations, filtered as the finder filters consultations. */
    async list(query: EventQuery, when: EventTime, pageSize: number) {
      const { selectedTerms, unknownSlugs } = await finder.resolveTerms(query)
      const page = query.page ?? 1
      const slugsOf = (terms: { slug: string }[]) => terms.map((term) => term.slug)
      const { events: found, total } = await events.list(
        {
          when,
          termSlugs: {
            wards: slugsOf(selectedTerms.wards),
            audiences: slugsOf(selectedTerms.audiences),
            topics: slugsOf(selectedTerms.topics),
          },
        },
        { limit: pageSize, offset: (page - 1) * pageSize },
        now(),
      )
      return {
        events: found,
        total,
        page,
        totalPages: Math.max(1, Math.ceil(total / pageSize)),
        selectedTerms,
        unknownSlugs,
      }
    },

    findPublished: (id: number): Promise<PublicEvent | null> => events.findPublished(id, now()),

    async add(actor: Actor | null, consultationId: number, input: EventInput): Promise<number> {
      return db.transaction(async (trx) => {
        const id = await events.insert(consultationId, input, trx)
        await record(actor, trx, 'add', consultationId, id, null, input)
        return id
      })
    },

    /** False if the event is no longer there. */
    async update(actor: Actor, consultationId: number, id: number, input: EventInput): Promise<boolean> {
      return db.transaction(async (trx) => {
        const before = await events.find(consultationId, id, trx)
        if (!before || !(await events.update(consultationId, id, input, now(), trx))) return false
        await record(actor, trx, 'update', consultationId, id, before, input)
        return true
      })
    },

    async remove(actor: Actor, consultationId: number, id: number): Promise<boolean> {
      return db.transaction(async (trx) => {
        const before = await events.find(consultationId, id, trx)
        if (!before || !(await events.delete(consultationId, id, trx))) return false
        await record(actor, trx, 'delete', consultationId, id, before, null)
        return true
      })
    },
  }
}

export type EventService = ReturnType<typeof createEventService>
