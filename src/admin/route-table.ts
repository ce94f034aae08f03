import type { Role } from './users/roles'

export type AdminMethod = 'get' | 'post'

export interface AdminRouteRule {
  method: AdminMethod
  path: string
  role: Role
}

/**
 * Every signed-in admin route and the least role that may use it. The router refuses to register a
 * route that is not listed here, and the authorisation tests walk this table, so a new feature adds
 * its rows here and is covered. Roles nest: an admin is also an editor and an analyst.
 */
export const ADMIN_ROUTES: readonly AdminRouteRule[] = [
  { method: 'get', path: '/admin', role: 'analyst' },
  { method: 'get', path: '/admin/account', role: 'analyst' },
  { method: 'get', path: '/admin/account/password', role: 'analyst' },
  { method: 'post', path: '/admin/account/password', role: 'analyst' },
  { method: 'get', path: '/admin/account/two-factor', role: 'analyst' },
  { method: 'post', path: '/admin/account/two-factor', role: 'analyst' },
  { method: 'post', path: '/admin/account/two-factor/disable', role: 'analyst' },
  { method: 'get', path: '/admin/account/notifications', role: 'analyst' },
  { method: 'post', path: '/admin/account/notifications', role: 'analyst' },

  { method: 'get', path: '/admin/notifications', role: 'admin' },

  { method: 'get', path: '/admin/consultations', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/new', role: 'editor' },
  { method: 'post', path: '/admin/consultations/new', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/edit', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/preview', role: 'analyst' },
  { method: 'post', path: '/admin/consultations/:id/publish', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/unpublish', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/clone', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/documents', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/documents', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/documents/:documentId', role: 'analyst' },
  { method: 'post', path: '/admin/consultations/:id/documents/:documentId/delete', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/feedback', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/feedback', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/feedback/publish', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/feedback/unpublish', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/events', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/events/new', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/events/new', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/events/:eventId/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/events/:eventId/edit', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/events/:eventId/delete', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/events/:eventId/delete', role: 'editor' },

  { method: 'get', path: '/admin/consultations/:id/survey', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/preview', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/survey/preview/:pageKey', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/survey/pages/new', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/new', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/pages/:pageId/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/:pageId/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/:pageId/move', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/pages/:pageId/delete', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/:pageId/delete', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/pages/:pageId/routes', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/:pageId/routes', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/pages/:pageId/questions/new', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/pages/:pageId/questions/new', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/questions/:questionId/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/questions/:questionId/edit', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/questions/:questionId/move', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/survey/questions/:questionId/delete', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/survey/questions/:questionId/delete', role: 'editor' },

  { method: 'get', path: '/admin/consultations/:id/responses', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/responses/paper', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/responses/paper', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/responses/:responseId', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/responses/:responseId/delete', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/responses/:responseId/delete', role: 'editor' },
  { method: 'get', path: '/admin/responses/delete', role: 'editor' },
  { method: 'get', path: '/admin/consultations/:id/moderation', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:id/moderation/:responseId', role: 'analyst' },
  { method: 'post', path: '/admin/consultations/:id/moderation/:responseId', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:id/moderation/:responseId/redact', role: 'editor' },
  { method: 'post', path: '/admin/responses/delete', role: 'editor' },

  { method: 'get', path: '/admin/taxonomies/:taxonomy', role: 'editor' },
  { method: 'post', path: '/admin/taxonomies/:taxonomy', role: 'editor' },
  { method: 'post', path: '/admin/taxonomies/:taxonomy/:termId/rename', role: 'editor' },
  { method: 'post', path: '/admin/taxonomies/:taxonomy/:termId/retire', role: 'editor' },
  { method: 'post', path: '/admin/taxonomies/:taxonomy/:termId/restore', role: 'editor' },
  { method: 'post', path: '/admin/taxonomies/:taxonomy/:termId/delete', role: 'editor' },

  { method: 'get', path: '/admin/pages/accessibility', role: 'editor' },
  { method: 'post', path: '/admin/pages/accessibility', role: 'editor' },

  { method: 'get', path: '/admin/users', role: 'admin' },
  { method: 'get', path: '/admin/users/new', role: 'admin' },
  { method: 'post', path: '/admin/users/new', role: 'admin' },
  { method: 'get', path: '/admin/users/:userId', role: 'admin' },
  { method: 'post', path: '/admin/users/:userId/role', role: 'admin' },
  { method: 'post', path: '/admin/users/:userId/deactivate', role: 'admin' },
  { method: 'post', path: '/admin/users/:userId/reactivate', role: 'admin' },
  { method: 'post', path: '/admin/users/:userId/reset-password', role: 'admin' },
  { method: 'get', path: '/admin/settings', role: 'admin' },
  { method: 'post', path: '/admin/settings', role: 'admin' },
  { method: 'get', path: '/admin/audit', role: 'admin' },

  // Results, coding and exports (src/results, src/coding, src/exports), addressed by consultation slug.
  { method: 'get', path: '/admin/consultations/:slug/results', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/results/questions/:key', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/results/publish', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:slug/results/publish', role: 'editor' },
  { method: 'post', path: '/admin/consultations/:slug/results/questions/:key/codes', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/codes', role: 'analyst' },
  { method: 'post', path: '/admin/consultations/:slug/codes', role: 'analyst' },
  { method: 'post', path: '/admin/consultations/:slug/codes/:codeId/delete', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/exports/responses.csv', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/exports/responses.xlsx', role: 'analyst' },
  { method: 'get', path: '/admin/consultations/:slug/exports/results.csv', role: 'analyst' },
]
