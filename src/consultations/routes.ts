import { Router } from 'express'
import { SLUG_PATTERN } from '../shared/slug'
import type { PublishingService } from '../results/publishing'
import type { ConsultationService } from './service'

export function consultationRoutes(consultationService: ConsultationService, publishingService: PublishingService): Router {
  const router = Router()

  router.get('/consultations/:slug', async (req, res, next) => {
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
    const publishedResults = await publishingService.publicResults(consultation)
    res.render('consultations/show', { consultation, publishedResults })
  })

  return router
}
