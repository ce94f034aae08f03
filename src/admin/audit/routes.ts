import { z } from 'zod'
import type { Router } from 'express'
import type { RouteDeps } from '../../routes'
import { securedRouter } from '../access'

const idFilter = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)
const auditFilterSchema = z.object({ user: idFilter, consultation: idFilter })

export function auditAdminRoutes(deps: RouteDeps): Router {
  const { auditService, userService } = deps.services
  const routes = securedRouter(deps)
  routes.get('/admin/audit', async (req, res) => {
    const filter = auditFilterSchema.parse(req.query)
    const [entries, users] = await Promise.all([
      auditService.list({ userId: filter.user, consultationId: filter.consultation }),
      userService.list(),
    ])
    res.render('admin/audit/list', {
      pageTitle: 'Audit log',
      entries,
      filter,
      userItems: [
        { value: '', text: 'Anyone' },
        ...users.map((user) => ({ value: String(user.id), text: user.email, selected: filter.user === user.id })),
      ],
    })
  })
  return routes.router
}
