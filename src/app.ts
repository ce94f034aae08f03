import express from 'express'
import { UPLOAD_PATHS } from './admin/consultations/document-routes'
import type { Config } from './config'
import type { Logger } from './logger'
import { setUpCompression } from './middleware/compression'
import { serveCachedPages } from './page-cache/middleware'
import { setUpAnonymousFormCookies, setUpCsrf } from './middleware/csrf'
import { errorHandler, notFoundHandler } from './middleware/errors'
import { setUpHealthChecks } from './middleware/health-checks'
import { setUpPageLocals } from './middleware/page-locals'
import { setUpRequestLogging } from './middleware/request-logging'
import { setUpWebSecurity } from './middleware/security'
import { setUpWebSession } from './middleware/session'
import { type AssetManifest, assetUrlFor, setUpStaticAssets } from './middleware/static-assets'
import { configureNunjucks } from './nunjucks/environment'
import { routes } from './routes'
import type { Services } from './services'
import { surveySessionExpiredHandler } from './surveys/csrf-errors'
import { anonymousSurveyForms } from './surveys/route-support'

export interface AppDeps {
  config: Config
  logger: Logger
  services: Services
  assetManifest: AssetManifest
}

/** Builds the Express app from its dependencies. It does no I/O of its own. */
export function createApp({ config, logger, services, assetManifest }: AppDeps): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.set('query parser', 'simple')
  configureNunjucks(app, { config, builtAssetUrl: assetUrlFor(assetManifest) })

  // A kept public page first: it is sent whole, with the security headers it was kept with.
  app.use(serveCachedPages(services.pageCacheService))
  // Security headers next, so that static files and health checks carry them too.
  app.use(setUpWebSecurity())
  app.use(setUpCompression())
  app.use(setUpStaticAssets())
  app.use(setUpHealthChecks(services.healthService))
  app.use(setUpRequestLogging(logger))
  app.use(setUpPageLocals())
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }))
  app.use(setUpWebSession(config, services.sessionService.store))
  // After the session, which reads its own cookie: for csrf-csrf's cookie on forms shown before a session.
  app.use(setUpAnonymousFormCookies())
  app.use(setUpCsrf({ uploadPaths: UPLOAD_PATHS, anonymousForms: anonymousSurveyForms(config) }))

  app.use(routes({ config, services }))

  app.use(notFoundHandler)
  app.use(surveySessionExpiredHandler)
  app.use(errorHandler)
  return app
}
