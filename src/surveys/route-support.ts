import type { Request, Response } from 'express'
import { surveyParamsSchema } from './schemas'
import type { SurveyContext, SurveyService } from './service'

export const surveyUrl = (context: SurveyContext, step = '') => `/consultations/${context.consultation.slug}/survey${step ? `/${step}` : ''}`

/**
 * Stores the session before redirecting: express-session would otherwise send the redirect before its
 * save finishes, and with a pool of connections the browser's next request could read the old answers.
 */
export const saveSessionThenRedirect = (req: Request, res: Response, url: string): Promise<void> =>
  new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve()))).then(() => res.redirect(303, url))

/** Finds the consultation's survey; anything unknown or malformed is a 404. */
export async function loadSurveyContext(surveyService: SurveyService, req: Request, res: Response): Promise<SurveyContext | null> {
  const params = surveyParamsSchema.safeParse(req.params)
  const context = params.success ? await surveyService.findSurvey(params.data.slug) : null
  if (!context) res.status(404).render('errors/404')
  return context
}

/** A survey outside its open dates cannot be answered, saved or sent. */
export function refuseUnlessOpen(context: SurveyContext, res: Response, midSurvey: boolean): boolean {
  if (context.consultation.status === 'open') return false
  res.status(403).render('surveys/not-open', { consultation: context.consultation, midSurvey })
  return true
}
