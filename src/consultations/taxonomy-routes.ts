import { Router } from 'express'
import { paginationFor } from '../shared/pagination'
import { SLUG_PATTERN } from '../shared/slug'
import { parseFinderQuery } from './finder-schema'
import type { RouteDeps } from '../routes'
import { TAXONOMY_PARAMS } from './finder-service'
import { TAXONOMY_LABELS, atomHref, finderHref } from './finder-view'
import { TAXONOMIES } from './types'
import { alertsHref } from '../notifications/alert-filter'
import { cachedPage } from '../page-cache/middleware'

export const TERM_PAGE_SIZE = 10

const INTRODUCTIONS = {
  wards: 'Find consultations about the part of Leicester where you live or work.',
  audiences: 'Find consultations for people like you, or for the groups you belong to.',
  topics: 'Find consultations about the things you are interested in.',
} as const

/** /wards, /audiences and /topics, each with a page per term. */
export function taxonomyRoutes({ services: { finderService, alertService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)

  for (const taxonomy of TAXONOMIES) {
    const labels = TAXONOMY_LABELS[taxonomy]
    const param = TAXONOMY_PARAMS[taxonomy]

    router.get(`/${taxonomy}`, cached, async (_req, res) => {
      res.render('taxonomies/index', {
        taxonomy,
        heading: `Consultations by ${labels.singular.toLowerCase()}`,
        introduction: INTRODUCTIONS[taxonomy],
        terms: await finderService.listTermsWithCounts(taxonomy),
      })
    })

    router.get(`/${taxonomy}/:slug`, cached, async (req, res, next) => {
      const { slug } = req.params
      const term = slug.length <= 100 && SLUG_PATTERN.test(slug) ? await finderService.findTerm(taxonomy, slug) : null
      if (!term) {
        next()
        return
      }
      const { query } = parseFinderQuery({ page: req.query.page, [param]: slug })
      const results = await finderService.find(query, { pageSize: TERM_PAGE_SIZE })
      res.render('taxonomies/show', {
        taxonomy,
        labels,
        term,
        results,
        includesAllAreas: taxonomy === 'wards' && !term.coversAllAreas,
        finderHref: finderHref({ ...query, page: undefined }),
        atomHref: atomHref(query),
        alertsHref: alertsHref(query, alertService.enabled),
        pagination: paginationFor(
          results.page,
          results.totalPages,
          (page) => `/${taxonomy}/${slug}${page > 1 ? `?page=${page}` : ''}`,
        ),
      })
    })
  }

  return router
}
