import type { Request, RequestHandler } from 'express'

/**
 * The seam between the results pages and the admin area's sign-in. The admin branch implements
 * `AdminAccess` (roles admin ⊃ editor ⊃ analyst) and `AuditRecorder` (its audit service has this
 * shape); until then `createApp` uses `closedAdminAccess`, which lets no one in.
 */
export type Role = 'analyst' | 'editor' | 'admin'

/** Who did something, as the audit log records it. */
export interface Actor {
  id: number
  email: string
}

export interface AdminAccess {
  /** Middleware that lets the request through only for a signed-in officer with this role or a higher one. */
  requireRole(role: Role): RequestHandler
  /** The signed-in officer, for the audit log. */
  actorOf(req: Request): Actor | null
}

export interface AuditEvent {
  action: string
  entityType: string
  entityId?: string | number | null
  consultationId?: number | null
  after?: Record<string, unknown> | null
}

export interface AuditRecorder {
  record(actor: Actor | null, event: AuditEvent): Promise<void>
}

export const closedAdminAccess: AdminAccess = {
  requireRole: () => (_req, res) => {
    res.status(403).render('errors/403')
  },
  actorOf: () => null,
}

export const loggingAuditRecorder = (log: (event: AuditEvent) => void): AuditRecorder => ({
  async record(_actor, event) {
    log(event)
  },
})
