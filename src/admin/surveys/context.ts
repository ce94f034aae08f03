import type { Request, Response } from 'express'
import type { AdminConsultation } from '../../consultations/admin-types'
import { formErrorsFrom, type FormErrors } from '../../shared/form-errors'
import type { Question, Survey, SurveyPage } from '../../surveys/types'
import { NotFoundError } from '../../shared/errors'
import { consultationOf } from '../loaders'
import { idParam } from '../params'
import type { ChangeResult, SurveyBuilderService } from './builder-service'

export interface BuilderContext {
  consultation: AdminConsultation
  survey: Survey | null
  responseCount: number
  problems: string[]
}

export const builderUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/survey${rest}`

/** What every builder page needs, from the consultation its :id loaded; an unknown page or question is a 404. */
export function builderLoader(builder: SurveyBuilderService) {
  async function load(_req: Request, res: Response): Promise<BuilderContext> {
    const consultation = consultationOf(res)
    return { consultation, ...(await builder.load(consultation.id)) }
  }
  return {
    load,
    async page(req: Request, res: Response): Promise<BuilderContext & { page: SurveyPage }> {
      const context = await load(req, res)
      const pageId = idParam(req, 'pageId')
      const page = context.survey?.pages.find((candidate) => candidate.id === pageId)
      if (!page) throw new NotFoundError('survey page')
      return { ...context, page }
    },
    async question(req: Request, res: Response): Promise<BuilderContext & { page: SurveyPage; question: Question }> {
      const context = await load(req, res)
      const questionId = idParam(req, 'questionId')
      for (const page of context.survey?.pages ?? []) {
        const question = page.questions.find((candidate) => candidate.id === questionId)
        if (question) return { ...context, page, question }
      }
      throw new NotFoundError('question')
    },
  }
}

/** A refused change as a GOV.UK error, linked to the field it concerns. */
export const refusalErrors = (result: Extract<ChangeResult, { ok: false }>, field: string): FormErrors =>
  formErrorsFrom({ [result.field ?? field]: result.error })
