import type { Knex } from 'knex'

export interface AuditEntry {
  userId: number | null
  userEmail: string | null
  action: string
  entityType: string
  entityId: string | null
  consultationId: number | null
  changes: { before?: Record<string, unknown>; after?: Record<string, unknown> }
}

export interface AuditRecord extends AuditEntry {
  id: number
  createdAt: Date
  consultationTitle: string | null
}

export interface AuditFilter {
  userId?: number
  consultationId?: number
}

interface AuditRow {
  /** bigint, which pg gives as a string */
  id: string | number
  user_id: number | null
  user_email: string | null
  action: string
  entity_type: string
  entity_id: string | null
  consultation_id: number | null
  consultation_title: string | null
  /** jsonb: parsed by pg, a string from some drivers */
  changes: AuditEntry['changes'] | string
  created_at: Date
}

export function createAuditRepository(db: Knex) {
  return {
    async insert(entry: AuditEntry, trx: Knex = db): Promise<void> {
      await trx('audit_log').insert({
        user_id: entry.userId,
        user_email: entry.userEmail,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        consultation_id: entry.consultationId,
        changes: JSON.stringify(entry.changes),
      })
    },

    async list(filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
      const query = db('audit_log')
        .leftJoin('consultations', 'consultations.id', 'audit_log.consultation_id')
        .orderBy('audit_log.id', 'desc')
        .limit(limit)
        .select<AuditRow[]>('audit_log.*', 'consultations.title as consultation_title')
      if (filter.userId) query.where('audit_log.user_id', filter.userId)
      if (filter.consultationId) query.where('audit_log.consultation_id', filter.consultationId)
      const rows = await query
      return rows.map((row) => ({
        id: Number(row.id),
        userId: row.user_id,
        userEmail: row.user_email,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        consultationId: row.consultation_id,
        consultationTitle: row.consultation_title,
        changes: typeof row.changes === 'string' ? (JSON.parse(row.changes) as AuditEntry['changes']) : row.changes,
        createdAt: new Date(row.created_at),
      }))
    },
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
