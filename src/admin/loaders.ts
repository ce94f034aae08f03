import type { RequestHandler, Response } from 'express'
import type { Services } from '../services'
import { NotFoundError } from '../shared/errors'
import { SLUG_PATTERN } from '../shared/slug'
import type { AdminConsultation } from '../consultations/admin-types'
import type { ConsultationSurvey } from '../results/service'
import { idParam } from './params'

/**
 * The one way an admin route loads its consultation: a loader per route key, run after the role
 * check. `:id` puts the consultation into res.locals; `:slug` (results, codes and exports) puts the
 * consultation with its survey. Anything unknown is a NotFoundError, which the error handler turns into the 404 page.
 */
export function paramLoaders({ consultationService, resultsService }: Services): Record<string, RequestHandler> {
  return {
    async id(req, res, next) {
      const id = idParam(req, 'id')
      const consultation = id ? await consultationService.getForAdmin(id) : null
      if (!consultation) throw new NotFoundError('consultation')
      res.locals.consultation = consultation
      next()
    },
    async slug(req, res, next) {
      const slug = String(req.params.slug)
      const consultation =
        slug.length <= 200 && SLUG_PATTERN.test(slug) ? await consultationService.getForAdminBySlug(slug) : null
      const consultationSurvey = consultation ? await resultsService.surveyOf(consultation) : null
      if (!consultation || !consultationSurvey) throw new NotFoundError('consultation survey')
      res.locals.consultation = consultation
      res.locals.consultationSurvey = consultationSurvey
      next()
    },
  }
}

export function consultationOf(res: Response): AdminConsultation {
  if (!res.locals.consultation) throw new Error('No consultation loaded: the route has no :id or :slug')
  return res.locals.consultation
}

export function consultationSurveyOf(res: Response): ConsultationSurvey {
  if (!res.locals.consultationSurvey) throw new Error('No consultation survey loaded: the route has no :slug')
  return res.locals.consultationSurvey
}
