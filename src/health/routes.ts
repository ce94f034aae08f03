import { Router } from 'express'
import type { Knex } from 'knex'
import { pendingMigrations } from '../db/migrations'

export function healthRoutes(db: Knex): Router {
  const router = Router()

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })

  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      await db.raw('select 1')
      const pending = await pendingMigrations(db)
      if (pending.length > 0) {
        res.status(503).json({ status: 'not ready', database: 'up', pendingMigrations: pending })
        return
      }
      res.json({ status: 'ready', database: 'up', pendingMigrations: [] })
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed')
      res.status(503).json({ status: 'not ready', database: 'down' })
    }
  })

  return router
}
