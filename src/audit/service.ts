import type { Knex } from 'knex'
import type { AuditFilter, AuditRecord, AuditRepository } from './repository'

/** Who did it: the signed-in officer, or null for the system (seeds, command-line tools). */
export interface Actor {
  id: number
  email: string
}

export interface AuditEvent {
  action: string
  entityType: string
  entityId?: string | number | null
  consultationId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

const SECRET_FIELDS = /password|secret|token|hash|code/i
const MAX_VALUE_LENGTH = 200

function summarise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) return `${value.slice(0, MAX_VALUE_LENGTH)}…`
  if (Array.isArray(value)) return value.map(summarise)
  return value
}

/** Keeps only the fields that changed (all of them on create or delete), shortened and without secrets. */
export function changeSummary(before?: Record<string, unknown> | null, after?: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changed = [...keys].filter(
    (key) =>
      !SECRET_FIELDS.test(key) && JSON.stringify(summarise(before?.[key])) !== JSON.stringify(summarise(after?.[key])),
  )
  const pick = (source?: Record<string, unknown> | null) =>
    source
      ? Object.fromEntries(changed.filter((key) => key in source).map((key) => [key, summarise(source[key])]))
      : undefined
  return { before: pick(before), after: pick(after) }
}

export function createAuditService(audit: AuditRepository) {
  return {
    /** Records one admin write. Pass the write's transaction so the record commits with it. */
    async record(actor: Actor | null, event: AuditEvent, trx?: Knex): Promise<void> {
      await audit.insert(
        {
          userId: actor?.id ?? null,
          userEmail: actor?.email ?? null,
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId == null ? null : String(event.entityId),
          consultationId: event.consultationId ?? null,
          changes: changeSummary(event.before, event.after),
        },
        trx,
      )
    },

    async list(filter: AuditFilter, limit = 200): Promise<AuditRecord[]> {
      return audit.list(filter, limit)
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
