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

/** A builder page about one survey page: the survey is there, since the page is in it. */
export type PageContext = BuilderContext & { survey: Survey; page: SurveyPage }
export type QuestionContext = PageContext & { question: Question }

export const builderUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/survey${rest}`

/** What every builder page needs, from the consultation its :id loaded; an unknown page or question is a 404. */
export function builderLoader(builder: SurveyBuilderService) {
  async function load(_req: Request, res: Response): Promise<BuilderContext> {
    const consultation = consultationOf(res)
    return { consultation, ...(await builder.load(consultation.id)) }
  }
  return {
    load,
    async page(req: Request, res: Response): Promise<PageContext> {
      const context = await load(req, res)
      const pageId = idParam(req, 'pageId')
      const { survey } = context
      const page = survey?.pages.find((candidate) => candidate.id === pageId)
      if (!survey || !page) throw new NotFoundError('survey page')
      return { ...context, survey, page }
    },
    async question(req: Request, res: Response): Promise<QuestionContext> {
      const context = await load(req, res)
      const questionId = idParam(req, 'questionId')
      const { survey } = context
      for (const page of survey?.pages ?? []) {
        const question = page.questions.find((candidate) => candidate.id === questionId)
        if (survey && question) return { ...context, survey, page, question }
      }
      throw new NotFoundError('question')
    },
  }
}

/** A change the service found nothing to apply to (its page or question went meanwhile): a 404. */
export function changed(result: ChangeResult | null, what: string): ChangeResult {
  if (!result) throw new NotFoundError(what)
  return result
}

/** A refused change as a GOV.UK error, linked to the field it concerns. */
export const refusalErrors = (result: Extract<ChangeResult, { ok: false }>, field: string): FormErrors =>
  formErrorsFrom({ [result.field ?? field]: result.error })
