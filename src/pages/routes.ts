import { Router } from 'express'
import { cachedPage } from '../page-cache/middleware'
import type { RouteDeps } from '../routes'
import { COMPLIANCE_STATUSES } from './accessibility'

const STATIC_PAGES = {
  '/cookies': 'pages/cookies',
} as const

export function pageRoutes({ services: { sitePageService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)
  for (const [path, view] of Object.entries(STATIC_PAGES)) {
    router.get(path, cached, (_req, res) => res.render(view))
  }
  router.get('/accessibility', cached, async (_req, res) => {
    const statement = await sitePageService.accessibilityStatement()
    res.render('pages/accessibility', { statement, complianceStatuses: COMPLIANCE_STATUSES })
  })
  return router
}
