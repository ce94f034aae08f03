import type { Request, Response } from 'express'
import type { AdminConsultation } from '../../consultations/admin-types'
import type { ConsultationService } from '../../consultations/service'
import { formErrorsFrom, type FormErrors } from '../../shared/form-errors'
import type { Question, Survey, SurveyPage } from '../../surveys/types'
import { idParam } from '../access'
import type { ChangeResult, SurveyBuilderService } from './builder-service'

export interface BuilderContext {
  consultation: AdminConsultation
  survey: Survey | null
  responseCount: number
  problems: string[]
}

export const builderUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/survey${rest}`

/** Loads what every builder page needs, or renders the 404 page and returns null. */
export function builderLoader(consultations: ConsultationService, builder: SurveyBuilderService) {
  const notFound = (res: Response) => {
    res.status(404).render('errors/404')
    return null
  }
  async function load(req: Request, res: Response): Promise<BuilderContext | null> {
    const id = idParam(req, 'id')
    const consultation = id ? await consultations.getForAdmin(id) : null
    if (!consultation) return notFound(res)
    return { consultation, ...(await builder.load(consultation.id)) }
  }
  return {
    load,
    async page(req: Request, res: Response): Promise<(BuilderContext & { page: SurveyPage }) | null> {
      const context = await load(req, res)
      if (!context) return null
      const pageId = idParam(req, 'pageId')
      const page = context.survey?.pages.find((candidate) => candidate.id === pageId)
      return page ? { ...context, page } : notFound(res)
    },
    async question(req: Request, res: Response): Promise<(BuilderContext & { page: SurveyPage; question: Question }) | null> {
      const context = await load(req, res)
      if (!context) return null
      const questionId = idParam(req, 'questionId')
      for (const page of context.survey?.pages ?? []) {
        const question = page.questions.find((candidate) => candidate.id === questionId)
        if (question) return { ...context, page, question }
      }
      return notFound(res)
    },
  }
}

/** A refused change as a GOV.UK error, linked to the field it concerns. */
export const refusalErrors = (result: Extract<ChangeResult, { ok: false }>, field: string): FormErrors =>
  formErrorsFrom({ [result.field ?? field]: result.error })
