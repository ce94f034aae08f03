import { Router } from 'express'
import type { Config } from '../config'
import { provideCsrfToken } from '../middleware/csrf'
import type { Services } from '../services'
import { loadOfficer, noStore, requireRole, securedRouter, takeFlash } from './access'
import { accountRoutes } from './auth/account-routes'
import { authRoutes } from './auth/routes'
import { auditAdminRoutes } from './audit/routes'
import { documentAdminRoutes, UPLOAD_ROUTE, uploadParser } from './consultations/document-routes'
import { consultationAdminRoutes } from './consultations/routes'
import { feedbackAdminRoutes } from './feedback/routes'
import { responseAdminRoutes } from './responses/routes'
import { surveyBuilderRoutes } from './surveys/builder-routes'
import { surveyPreviewRoutes } from './surveys/preview-routes'
import { surveyQuestionRoutes } from './surveys/question-routes'
import { taxonomyAdminRoutes } from './taxonomies/routes'
import { userAdminRoutes } from './users/routes'

/** Session checks every admin request needs: no caching, the signed-in officer, one-off messages. */
function adminBase(services: Services): Router {
  const router = Router()
  router.use('/admin', noStore, loadOfficer(services.authService, services.now), takeFlash)
  return router
}

/** Mounted before the CSRF check: parses document uploads (for editors only) so the check can read the token. */
export function adminUploadRoutes(services: Services): Router {
  const router = Router()
  router.use(adminBase(services))
  router.post(UPLOAD_ROUTE, requireRole('editor', services.authService), uploadParser())
  return router
}

export function adminRoutes(services: Services, config: Config): Router {
  const router = Router()
  router.use(adminBase(services))
  router.use('/admin', provideCsrfToken)
  router.use(authRoutes(services.authService, services.now))

  const routes = securedRouter(services.authService)
  routes.get('/admin', (_req, res) => res.render('admin/index', { pageTitle: 'Admin' }))
  accountRoutes(routes, services.authService)
  consultationAdminRoutes(routes, services.consultationService, services.taxonomyService)
  documentAdminRoutes(routes, services.consultationService)
  feedbackAdminRoutes(routes, services.consultationService, services.feedbackService)
  surveyBuilderRoutes(routes, services.consultationService, services.surveyBuilderService)
  surveyQuestionRoutes(routes, services.consultationService, services.surveyBuilderService)
  surveyPreviewRoutes(routes, services.consultationService, services.surveyBuilderService)
  responseAdminRoutes(routes, services.consultationService, services.responseAdminService)
  taxonomyAdminRoutes(routes, services.taxonomyService)
  userAdminRoutes(routes, services.userService, services.authService, config.baseUrl)
  auditAdminRoutes(routes, services.auditService, services.userService)
  router.use(routes.router)
  return router
}
