import { Router } from 'express'
import type { RouteDeps } from '../routes'

export function homeRoutes({ services: { consultationService, alertService } }: RouteDeps): Router {
  const router = Router()
  router.get('/', async (_req, res) => {
    res.render('home/index', {
      ...(await consultationService.getHomePage()),
      alertsHref: alertService.enabled ? '/alerts/new' : '',
    })
  })
  return router
}
