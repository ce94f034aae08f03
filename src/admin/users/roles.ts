/** Roles nest: an admin can do all an editor can, and an editor all an analyst can. */
export const ROLES = ['analyst', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin: everything, including users and the audit log',
  editor: 'Editor: consultations, surveys, feedback and responses',
  analyst: 'Analyst: read consultations and responses, results and exports',
}

export const hasRole = (userRole: Role, required: Role): boolean => ROLES.indexOf(userRole) >= ROLES.indexOf(required)
