import { Router } from 'express'
import type { HealthService } from '../health/service'
import { requestLogOf } from './request-logging'

/** Liveness and readiness, answered before logging and sessions so probes stay cheap and quiet. */
export function setUpHealthChecks(healthService: HealthService): Router {
  const router = Router()

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })

  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      const readiness = await healthService.readiness()
      res.status(readiness.status === 'ready' ? 200 : 503).json(readiness)
    } catch (err) {
      requestLogOf(req)?.warn({ err }, 'readiness check failed')
      res.status(503).json({ status: 'not ready', database: 'down' })
    }
  })

  return router
}
