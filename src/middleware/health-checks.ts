import { Router } from 'express'
import type { HealthService } from '../health/service'

/** Liveness and readiness, answered before logging and sessions so probes stay cheap and quiet. */
export function setUpHealthChecks(healthService: HealthService): Router {
  const router = Router()

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })

  router.get('/readyz', async (_req, res) => {
    const readiness = await healthService.readiness()
    res
      .set('Cache-Control', 'no-store')
      .status(readiness.status === 'ready' ? 200 : 503)
      .json(readiness)
  })

  return router
}
