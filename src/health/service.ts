import type { Knex } from 'knex'
import { pendingMigrations } from '../db/migrations'

export type Readiness =
  | { status: 'ready'; database: 'up'; pendingMigrations: [] }
  | { status: 'not ready'; database: 'up'; pendingMigrations: string[] }
  | { status: 'not ready'; database: 'down' }

/** Whether this instance can serve: the database answers and every migration is applied. */
export function createHealthService(db: Knex) {
  return {
    async readiness(): Promise<Readiness> {
      await db.raw('select 1')
      const pending = await pendingMigrations(db)
      return pending.length > 0
        ? { status: 'not ready', database: 'up', pendingMigrations: pending }
        : { status: 'ready', database: 'up', pendingMigrations: [] }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>
