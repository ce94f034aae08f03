import type { AdminAccess, AuditEvent, AuditRecorder, Role } from '../../src/admin/guard'

const RANK: Record<Role, number> = { analyst: 1, editor: 2, admin: 3 }
export const ROLE_HEADER = 'x-test-role'

/**
 * Stands in for the admin area's sign-in: a request is signed in with the role named in the
 * X-Test-Role header, and with none when the header is missing.
 */
export const headerRoleAccess: AdminAccess = {
  requireRole: (role) => (req, res, next) => {
    const held = req.get(ROLE_HEADER) as Role | undefined
    if (held && RANK[held] >= RANK[role]) next()
    else res.status(held ? 403 : 401).render('errors/403')
  },
  actorOf: (req) => {
    const held = req.get(ROLE_HEADER)
    return held ? { id: RANK[held as Role] ?? 0, email: `${held}@council.example` } : null
  },
}

/** An audit log that keeps what it is told, for tests to read. */
export function recordingAudit(): AuditRecorder & { events: (AuditEvent & { actorEmail: string | null })[] } {
  const events: (AuditEvent & { actorEmail: string | null })[] = []
  return {
    events,
    async record(actor, event) {
      events.push({ ...event, actorEmail: actor?.email ?? null })
    },
  }
}
