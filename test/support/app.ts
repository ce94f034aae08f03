import { after, before } from 'node:test'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { createLogger, type Logger } from '../../src/logger'
import { createEmailProvider } from '../../src/notifications/providers'
import { loadAssetManifest } from '../../src/middleware/static-assets'
import { createServices, type ServiceOptions } from '../../src/services'
import { exportDbOf, openTestDatabase, type TestDatabase } from './database'

export const TEST_BASE_URL = 'http://consult.test'

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: TEST_BASE_URL, ...overrides })

export interface TestAppOptions extends ServiceOptions {
  env?: Record<string, string>
  /** Where the app logs; silent unless given. */
  logger?: Logger
}

/** The real app over a test database, wired as `createApp` is in production. */
export function appWithAllRoutes(
  db: Knex,
  { env, logger = createLogger('silent'), ...serviceOptions }: TestAppOptions = {},
): Express {
  const config = testConfig(env)
  return createApp({
    config,
    logger,
    services: createServices(db, {
      exportDb: exportDbOf(db),
      emailProvider: createEmailProvider(config),
      emailSite: { baseUrl: config.baseUrl, councilName: config.councilName, secret: config.session.secret },
      ...serviceOptions,
      siteName: config.siteName,
    }),
    assetManifest: loadAssetManifest(),
  })
}

export interface TestApp {
  app: Express
  db: Knex
  database: TestDatabase
  /** Settles once the database and app are open: node runs top-level before hooks side by side. */
  ready: Promise<void>
}

/** Gives the test file its own seeded database and app, opened before its tests and closed after. */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  let opened: (failure?: Error) => void = () => undefined
  // A failure to open fails whoever awaits `ready`, rather than leaving them waiting for ever.
  const ready = new Promise<void>((resolve, reject) => (opened = (failure) => (failure ? reject(failure) : resolve())))
  ready.catch(() => undefined)
  const context = { ready } as TestApp
  before(async () => {
    try {
      context.database = await openTestDatabase()
      context.db = context.database.db
      context.app = appWithAllRoutes(context.db, options)
      opened()
    } catch (err) {
      opened(err instanceof Error ? err : new Error('the test database did not open'))
      throw err
    }
  })
  after(() => context.database.close())
  return context
}
