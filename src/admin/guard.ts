import type { Request, RequestHandler } from 'express'
import type { Actor, AuditEvent } from '../audit/service'
import type { Role } from './users/roles'

export type { Actor, AuditEvent, Role }

/**
 * What the results, coding and export routes need from the admin area: a role check and the
 * signed-in officer. `adminAccess` in ./access implements it; tests may stand in for it.
 */
export interface AdminAccess {
  /** Lets the request through only for a signed-in officer with this role or a higher one. */
  requireRole(role: Role): RequestHandler
  /** The signed-in officer, for the audit log. */
  actorOf(req: Request): Actor | null
}

/** Where analyst actions are recorded: the audit service has this shape. */
export interface AuditRecorder {
  record(actor: Actor | null, event: AuditEvent): Promise<void>
}
