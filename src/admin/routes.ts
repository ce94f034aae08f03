import { Router } from 'express'
import { provideCsrfToken } from '../middleware/csrf'
import type { RouteDeps } from '../routes'
import { noStore } from '../middleware/cache-control'
import { loadOfficer, takeFlash } from './access'
import { accountRoutes } from './auth/account-routes'
import { authRoutes } from './auth/routes'
import { auditAdminRoutes } from './audit/routes'
import { codingAdminRoutes } from './coding/routes'
import { documentAdminRoutes } from './consultations/document-routes'
import { consultationAdminRoutes } from './consultations/routes'
import { dashboardRoutes } from './dashboard/routes'
import { eventAdminRoutes } from './events/routes'
import { exportAdminRoutes } from './exports/routes'
import { feedbackAdminRoutes } from './feedback/routes'
import { moderationAdminRoutes } from './moderation/routes'
import { sitePageAdminRoutes } from './pages/routes'
import { responseReferenceRoutes } from './responses/reference-routes'
import { responseAdminRoutes } from './responses/routes'
import { resultsAdminRoutes } from './results/routes'
import { setupRoutes } from './setup/routes'
import { surveyBuilderRoutes } from './surveys/builder-routes'
import { surveyPreviewRoutes } from './surveys/preview-routes'
import { surveyQuestionRoutes } from './surveys/question-routes'
import { taxonomyAdminRoutes } from './taxonomies/routes'
import { userAdminRoutes } from './users/routes'
import { notificationAdminRoutes } from './notifications/routes'
import { notificationPreferenceRoutes } from './notifications/preferences-routes'

/** Every signed-in feature; each registers its routes through securedRouter and the route table. */
const SIGNED_IN_ROUTES = [
  dashboardRoutes,
  accountRoutes,
  notificationPreferenceRoutes,
  consultationAdminRoutes,
  documentAdminRoutes,
  feedbackAdminRoutes,
  eventAdminRoutes,
  surveyBuilderRoutes,
  surveyQuestionRoutes,
  surveyPreviewRoutes,
  responseAdminRoutes,
  responseReferenceRoutes,
  moderationAdminRoutes,
  resultsAdminRoutes,
  codingAdminRoutes,
  exportAdminRoutes,
  taxonomyAdminRoutes,
  sitePageAdminRoutes,
  userAdminRoutes,
  auditAdminRoutes,
  notificationAdminRoutes,
] as const

/**
 * The admin area: never cached, the signed-in officer and one-off messages loaded, then the public pages (sign-in,
 * password and set-up links) and every signed-in feature.
 */
export function adminRoutes(deps: RouteDeps): Router {
  const { authService, now } = deps.services
  const router = Router()
  router.use('/admin', noStore, loadOfficer(authService, now), takeFlash, provideCsrfToken)
  router.use(authRoutes(deps))
  router.use(setupRoutes(deps))
  for (const featureRoutes of SIGNED_IN_ROUTES) router.use(featureRoutes(deps))
  return router
}
