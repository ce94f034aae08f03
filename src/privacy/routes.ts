import { Router } from 'express'
import type { RouteDeps } from '../routes'

/** The privacy notice, with how long each open or recent consultation keeps personal data and when it goes. */
export function privacyRoutes({ services }: RouteDeps): Router {
  const router = Router()
  router.get('/privacy', async (_req, res) => {
    res.render('pages/privacy', { retention: await services.purgeService.retention() })
  })
  return router
}
