import { Router } from 'express'
import { sendDocument } from './documents'
import { SLUG_PATTERN } from '../shared/slug'
import type { RouteDeps } from '../routes'
import { cachedPage } from '../page-cache/middleware'

export function consultationRoutes({
  services: { consultationService, publishingService, eventService, publishedResponseService, pageCacheService },
}: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)

  router.get('/consultations/:slug', cached, async (req, res, next) => {
    const { slug } = req.params
    if (slug.length > 200 || !SLUG_PATTERN.test(slug)) {
      next()
      return
    }
    const consultation = await consultationService.getOverview(slug)
    if (!consultation) {
      next()
      return
    }
    const [publishedResults, events, hasPublishedResponses] = await Promise.all([
      publishingService.publicResults(consultation),
      eventService.forOverview(consultation.id),
      publishedResponseService.hasPublished(consultation.id),
    ])
    res.render('consultations/show', { consultation, publishedResults, events, hasPublishedResponses })
  })

  router.get('/consultations/:slug/documents/:documentId', async (req, res, next) => {
    const { slug, documentId } = req.params
    if (
      slug.length > 200 ||
      !SLUG_PATTERN.test(slug) ||
      !/^[1-9]\d{0,9}$/.test(documentId) ||
      Number(documentId) > 2_147_483_647
    )
      return next()
    const document = await consultationService.publicDocument(slug, Number(documentId))
    if (!document) return next()
    sendDocument(res, document)
  })

  return router
}
