import type { Router } from 'express'
import type { RouteDeps } from '../../routes'
import { securedRouter } from '../access'
import { CLOSING_SOON_DAYS } from './service'

/** The admin home page: the officers' dashboard of work to do, then the admin area's sections. */
export function dashboardRoutes(deps: RouteDeps): Router {
  const routes = securedRouter(deps)
  routes.get('/admin', async (_req, res) => {
    const work = await deps.services.dashboardService.workToDo()
    res.render('admin/index', { pageTitle: 'Admin', work, closingSoonDays: CLOSING_SOON_DAYS })
  })
  return routes.router
}
