import express from 'express'
import type { Knex } from 'knex'
import type session from 'express-session'
import { type AdminAccess, type AuditRecorder, closedAdminAccess, loggingAuditRecorder } from './admin/guard'
import { codingRoutes } from './coding/routes'
import type { Config } from './config'
import type { Logger } from './logger'
import type { Services } from './services'
import { consultationRoutes } from './consultations/routes'
import { exportRoutes } from './exports/routes'
import { healthRoutes } from './health/routes'
import { homeRoutes } from './home/routes'
import { setUpCsrf } from './middleware/csrf'
import { errorHandler, notFoundHandler } from './middleware/errors'
import { setUpRequestLogging } from './middleware/request-logging'
import { setUpWebSecurity } from './middleware/security'
import { setUpWebSession } from './middleware/session'
import { type AssetManifest, assetUrlFor, setUpStaticAssets } from './middleware/static-assets'
import { configureNunjucks } from './nunjucks/environment'
import { pageRoutes } from './pages/routes'
import { resultsRoutes } from './results/routes'

export interface AppDeps {
  config: Config
  db: Knex
  logger: Logger
  services: Services
  sessionStore: session.Store
  assetManifest: AssetManifest
  /** Sign-in and roles for /admin; until the admin area provides them, no one gets in. */
  access?: AdminAccess
  /** Where exports and other analyst actions are recorded. */
  audit?: AuditRecorder
}

/** Builds the Express app from its dependencies. It does no I/O of its own. */
export function createApp({ config, db, logger, services, sessionStore, assetManifest, ...seams }: AppDeps): express.Express {
  const access = seams.access ?? closedAdminAccess
  const audit = seams.audit ?? loggingAuditRecorder((event) => logger.info({ audit: event }, 'audit'))
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.set('query parser', 'simple')

  configureNunjucks(app, { config, assetUrl: assetUrlFor(assetManifest) })

  app.use(setUpStaticAssets())
  app.use(healthRoutes(db))
  app.use(setUpRequestLogging(logger))
  app.use(setUpWebSecurity())
  app.use((req, res, next) => {
    res.locals.currentPath = req.path
    next()
  })
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }))
  app.use(setUpWebSession(config, sessionStore))
  app.use(setUpCsrf())

  app.use(homeRoutes(services.consultationService))
  app.use(consultationRoutes(services.consultationService, services.publishingService))
  app.use(resultsRoutes({ ...services, access, audit }))
  app.use(codingRoutes({ ...services, access, audit }))
  app.use(exportRoutes({ ...services, access, audit }))
  app.use(pageRoutes())

  app.use(notFoundHandler)
  app.use(errorHandler)
  return app
}
