import express from 'express'
import type { Knex } from 'knex'
import type session from 'express-session'
import { adminAccess } from './admin/access'
import type { AdminAccess, AuditRecorder } from './admin/guard'
import { codingRoutes } from './coding/routes'
import type { Config } from './config'
import type { Logger } from './logger'
import type { Services } from './services'
import { apiRoutes } from './api/routes'
import { feedRoutes } from './consultations/feed-routes'
import { feedbackRoutes } from './consultations/feedback-routes'
import { finderRoutes } from './consultations/finder-routes'
import { adminRoutes, adminUploadRoutes } from './admin/routes'
import { consultationRoutes } from './consultations/routes'
import { taxonomyRoutes } from './consultations/taxonomy-routes'
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
import { surveySessionExpiredHandler } from './surveys/csrf-errors'
import { surveyEmailRoutes } from './surveys/email-routes'
import { surveyRoutes } from './surveys/routes'
import { resultsRoutes } from './results/routes'

export interface AppDeps {
  config: Config
  db: Knex
  logger: Logger
  services: Services
  sessionStore: session.Store
  assetManifest: AssetManifest
  /** Sign-in and roles for the analyst routes; the admin area's own unless a test stands in for it. */
  access?: AdminAccess
  /** Where exports and other analyst actions are recorded; the audit log unless a test stands in for it. */
  audit?: AuditRecorder
}

/** Builds the Express app from its dependencies. It does no I/O of its own. */
export function createApp({ config, db, logger, services, sessionStore, assetManifest, ...seams }: AppDeps): express.Express {
  const access = seams.access ?? adminAccess(services.authService)
  const audit = seams.audit ?? services.auditService
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
  // Public, cacheable, read-only data: served before the session so it never sets a cookie.
  app.use(apiRoutes({ finderService: services.finderService, consultationService: services.consultationService, baseUrl: config.baseUrl }))
  app.use(feedRoutes(services.finderService))
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }))
  app.use(setUpWebSession(config, sessionStore))
  app.use(adminUploadRoutes(services))
  app.use(setUpCsrf())

  app.use(homeRoutes(services.consultationService))
  app.use(finderRoutes(services.finderService))
  app.use(consultationRoutes(services.consultationService, services.publishingService))
  app.use(taxonomyRoutes(services.finderService))
  app.use(feedbackRoutes(services.finderService))
  app.use(surveyEmailRoutes(services.surveyService, services.surveyEmailService, config.baseUrl))
  app.use(surveyRoutes(services.surveyService, services.surveyEmailService.enabled))
  app.use(resultsRoutes({ ...services, access, audit }))
  app.use(codingRoutes({ ...services, access, audit }))
  app.use(exportRoutes({ ...services, access, audit }))
  app.use(pageRoutes())
  app.use(adminRoutes(services, config))

  app.use(notFoundHandler)
  app.use(surveySessionExpiredHandler)
  app.use(errorHandler)
  return app
}
