import { Router } from 'express'
import { paginationFor } from '../shared/pagination'
import { parseFinderQuery } from './finder-schema'
import type { RouteDeps } from '../routes'
import { cachedPage } from '../page-cache/middleware'

export const FEEDBACK_PAGE_SIZE = 10

/** "We asked, you said, we did": every consultation with published feedback, newest first. */
export function feedbackRoutes({ services: { finderService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)
  router.get('/we-asked-you-said-we-did', cached, async (req, res) => {
    const { query } = parseFinderQuery({ page: req.query.page })
    const feedback = await finderService.listFeedback(query.page ?? 1, FEEDBACK_PAGE_SIZE)
    res.render('feedback/index', {
      feedback,
      pagination: paginationFor(
        feedback.page,
        feedback.totalPages,
        (page) => `/we-asked-you-said-we-did${page > 1 ? `?page=${page}` : ''}`,
      ),
    })
  })
  return router
}
