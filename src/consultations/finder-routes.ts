import { Router } from 'express'
import { parseFinderQuery } from './finder-schema'
import type { RouteDeps } from '../routes'
import { finderHref, finderPageModel } from './finder-view'
import { alertsHref } from '../notifications/alert-filter'
import { cachedPage } from '../page-cache/middleware'

export const FINDER_PAGE_SIZE = 10

const hasEmptyValues = (raw: Record<string, unknown>) =>
  Object.values(raw).some((value) => value === '' || (Array.isArray(value) && value.includes('')))

export function finderRoutes({ services: { finderService, alertService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)

  router.get('/consultations', cached, async (req, res) => {
    const raw = req.query as Record<string, unknown>
    const { query, problems } = parseFinderQuery(raw)
    if (problems.length === 0 && hasEmptyValues(raw)) {
      // A GET form sends its empty fields too; tidy them away so the address can be shared.
      res.redirect(302, finderHref(query, query.page))
      return
    }
    const [results, terms] = await Promise.all([
      finderService.find(query, { pageSize: FINDER_PAGE_SIZE }),
      finderService.listTerms(),
    ])
    res.render('finder/index', {
      ...finderPageModel(raw, query, problems, results, terms),
      alertsHref: alertsHref(query, alertService.enabled),
    })
  })

  return router
}
