import { Router } from 'express'
import type { RouteDeps } from '../routes'
import { cachedPage } from '../page-cache/middleware'

export function homeRoutes({ services: { consultationService, alertService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)
  router.get('/', cached, async (_req, res) => {
    res.render('home/index', {
      ...(await consultationService.getHomePage()),
      alertsHref: alertService.enabled ? '/alerts/new' : '',
    })
  })
  return router
}
