import { after, before } from 'node:test'
import type { Express } from 'express'
import type { Knex } from 'knex'
import type { AdminAccess, AuditRecorder } from '../../src/admin/guard'
import { createApp } from '../../src/app'
import { recordingAudit } from './admin-access'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/logger'
import { createMailer } from '../../src/mail/mailer'
import { createSessionStore } from '../../src/middleware/session'
import { loadAssetManifest } from '../../src/middleware/static-assets'
import { createServices, type ServiceOptions } from '../../src/services'
import { openTestDatabase, type TestDatabase } from './database'

export const TEST_BASE_URL = 'http://consult.test'

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: TEST_BASE_URL, ...overrides })

export interface TestAppOptions extends ServiceOptions {
  env?: Record<string, string>
  /** Stand-ins for the admin area's sign-in and audit log (see test/support/admin-access.ts). */
  access?: AdminAccess
  audit?: AuditRecorder
}

/** The real app over a test database, wired as `createApp` is in production. */
export async function appWithAllRoutes(db: Knex, options: TestAppOptions = {}): Promise<Express> {
  const sessionStore = createSessionStore(db, 0)
  await sessionStore.ready
  const config = testConfig(options.env)
  return createApp({
    config,
    db,
    logger: createLogger('silent'),
    services: createServices(db, { ...options, mailer: createMailer(config.mail), siteName: config.siteName }),
    sessionStore,
    assetManifest: loadAssetManifest(),
    access: options.access,
    // A stand-in officer has no row in users, so the real audit log could not name them.
    audit: options.audit ?? (options.access ? recordingAudit() : undefined),
  })
}

export interface TestApp {
  app: Express
  db: Knex
  database: TestDatabase
}

/** Gives the test file its own seeded database and app, opened before its tests and closed after. */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  const context = {} as TestApp
  before(async () => {
    context.database = await openTestDatabase()
    context.db = context.database.db
    context.app = await appWithAllRoutes(context.db, options)
  })
  after(() => context.database.close())
  return context
}
