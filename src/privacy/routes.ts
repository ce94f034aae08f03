import { Router } from 'express'
import type { RouteDeps } from '../routes'
import { cachedPage } from '../page-cache/middleware'

/** The privacy notice, with how long each open or recent consultation keeps personal data and when it goes. */
export function privacyRoutes({ services }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(services.pageCacheService)
  router.get('/privacy', cached, async (_req, res) => {
    res.render('pages/privacy', { retention: await services.purgeService.retention() })
  })
  return router
}
