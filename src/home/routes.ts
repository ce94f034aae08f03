import { Router } from 'express'
import type { ConsultationService } from '../consultations/service'

export function homeRoutes(consultationService: ConsultationService): Router {
  const router = Router()
  router.get('/', async (_req, res) => {
    res.render('home/index', await consultationService.getHomePage())
  })
  return router
}
