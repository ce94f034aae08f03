import { Router } from 'express'
import { adminRoutes } from './admin/routes'
import { apiRoutes } from './api/routes'
import type { Config } from './config'
import { feedRoutes } from './consultations/feed-routes'
import { feedbackRoutes } from './consultations/feedback-routes'
import { finderRoutes } from './consultations/finder-routes'
import { consultationRoutes } from './consultations/routes'
import { taxonomyRoutes } from './consultations/taxonomy-routes'
import { eventRoutes } from './events/routes'
import { homeRoutes } from './home/routes'
import { alertRoutes } from './notifications/alert-routes'
import { pageRoutes } from './pages/routes'
import { privacyRoutes } from './privacy/routes'
import { publishedResponseRoutes } from './published-responses/routes'
import type { Services } from './services'
import { surveyEmailRoutes } from './surveys/email-routes'
import { surveyRoutes } from './surveys/routes'

/** What every feature's routes are built from. */
export interface RouteDeps {
  config: Config
  services: Services
}

/**
 * Their paths do not overlap, except that the survey's email forms must come before its `/:pageKey` pages, so
 * the order is for speed: a resident's survey pages, which the page cache never serves, come first; the pages
 * it serves are reached here only when they are rendered.
 */
const PUBLIC_ROUTES = [
  surveyEmailRoutes,
  surveyRoutes,
  apiRoutes,
  feedRoutes,
  homeRoutes,
  finderRoutes,
  consultationRoutes,
  publishedResponseRoutes,
  taxonomyRoutes,
  eventRoutes,
  feedbackRoutes,
  privacyRoutes,
  alertRoutes,
  pageRoutes,
] as const

/** The whole site: the public pages, then the admin area (every /admin URL, from src/admin). */
export function routes(deps: RouteDeps): Router {
  const router = Router()
  for (const featureRoutes of PUBLIC_ROUTES) router.use(featureRoutes(deps))
  router.use(adminRoutes(deps))
  return router
}
