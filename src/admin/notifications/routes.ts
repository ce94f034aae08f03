import type { Router } from 'express'
import { TAXONOMY_LABELS } from '../../consultations/finder-view'
import { TAXONOMIES } from '../../consultations/types'
import type { RouteDeps } from '../../routes'
import { securedRouter } from '../access'

/** Admins see how the outbox is doing and how many people asked for emails: counts only, never an address. */
export function notificationAdminRoutes(deps: RouteDeps): Router {
  const { outboxService, notificationReport } = deps.services
  const routes = securedRouter(deps)
  routes.get('/admin/notifications', async (_req, res) => {
    const [statuses, failed, byTerm, totals] = await Promise.all([
      outboxService.countByStatus(),
      notificationReport.failedEmails(50),
      notificationReport.alertsByTerm(),
      notificationReport.totals(),
    ])
    res.render('admin/notifications/index', {
      pageTitle: 'Emails and alerts',
      enabled: outboxService.enabled,
      statuses,
      failed,
      totals,
      taxonomies: TAXONOMIES.map((taxonomy) => ({ label: TAXONOMY_LABELS[taxonomy].plural, terms: byTerm[taxonomy] })),
    })
  })
  return routes.router
}
