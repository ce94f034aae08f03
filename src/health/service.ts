import type { Knex } from 'knex'
import { isEmbedded } from '../db/database'
import { pendingMigrations } from '../db/migrations'

export type Readiness =
  | { status: 'ready'; database: 'up'; pendingMigrations: [] }
  | { status: 'not ready'; database: 'up'; pendingMigrations: string[] }
  | { status: 'not ready'; database: 'down' }

/**
 * A load balancer's probe gets its answer within this, whatever state the database is in. Embedded PGlite
 * (one process, no load balancer) runs one query at a time, so it gets longer behind a busy moment.
 */
export const READINESS_TIMEOUT_MS = 1_500
const EMBEDDED_READINESS_TIMEOUT_MS = 15_000

/**
 * Whether this instance can serve: the database answers and every migration is applied. A database that
 * fails or takes longer than READINESS_TIMEOUT_MS counts as down.
 */
export function createHealthService(db: Knex) {
  const timeoutMs = isEmbedded(db) ? EMBEDDED_READINESS_TIMEOUT_MS : READINESS_TIMEOUT_MS
  async function check(): Promise<Readiness> {
    await db.raw('select 1')
    const pending = await pendingMigrations(db)
    return pending.length > 0
      ? { status: 'not ready', database: 'up', pendingMigrations: pending }
      : { status: 'ready', database: 'up', pendingMigrations: [] }
  }

  return {
    async readiness(): Promise<Readiness> {
      const down: Readiness = { status: 'not ready', database: 'down' }
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<Readiness>((resolve) => (timer = setTimeout(() => resolve(down), timeoutMs)))
      try {
        return await Promise.race([check().catch(() => down), timeout])
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>
