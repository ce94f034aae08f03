import type { Request, RequestParamHandler, Response } from 'express'
import type { Config } from '../config'
import { type AnonymousFormOptions, sessionFormToken } from '../middleware/csrf'
import { NotFoundError } from '../shared/errors'
import type { Requester } from './response-limits'
import { surveyParamsSchema } from './schemas'
import type { SurveyContext, SurveyService } from './service'

/** A survey's question pages, whose first answer may come from a visitor with no session yet. */
export const SURVEY_PAGE_PATHS = [/^\/consultations\/[a-z0-9]+(?:-[a-z0-9]+)*\/survey\/(?!check$|confirmation$)[^/]+$/]
/** Every survey page may show a resident's answers or a resume link. */
export const SURVEY_PATH = '/consultations/:slug/survey'

/** The CSRF settings of those pages' forms while the visitor has no session. */
export const anonymousSurveyForms = (config: Config): AnonymousFormOptions => ({
  paths: SURVEY_PAGE_PATHS,
  secret: config.session.secret,
  secureCookies: config.session.secureCookies,
})

export const surveyUrl = (context: SurveyContext, step = '') =>
  `/consultations/${context.consultation.slug}/survey${step ? `/${step}` : ''}`

/**
 * Redirects to the next survey page, making the session's form token now if it has none, so that it is stored in
 * the same write as the answers (the redirect waits for that write: storeSessionBeforeRedirect). Every page
 * redirected to shows a form, and making the token there would write the session again.
 */
export const redirectWithFormToken = (req: Request, res: Response, url: string): void => {
  sessionFormToken(req)
  res.redirect(303, url)
}

/**
 * Loads the consultation's survey named by :slug into res.locals, once a request whichever of the survey
 * routers asks first; anything unknown or malformed is a 404.
 */
export function surveyLoader(surveyService: SurveyService): RequestParamHandler {
  return (req, res, next) => {
    const loaded = res.locals.surveyContext
    if (loaded && loaded.consultation.slug === req.params.slug) return next()
    const params = surveyParamsSchema.safeParse(req.params)
    const found = params.success ? surveyService.findSurvey(params.data.slug) : Promise.resolve(null)
    found
      .then((context) => {
        if (!context) throw new NotFoundError('survey')
        res.locals.surveyContext = context
        next()
      })
      .catch(next)
  }
}

export function surveyContextOf(res: Response): SurveyContext {
  if (!res.locals.surveyContext) throw new Error('No survey loaded: route registered without surveyLoader')
  return res.locals.surveyContext
}

/** A survey outside its open dates cannot be answered, saved or sent. */
export function refuseUnlessOpen(context: SurveyContext, res: Response, midSurvey: boolean): boolean {
  if (context.consultation.status === 'open') return false
  res.status(403).render('surveys/not-open', { consultation: context.consultation, midSurvey })
  return true
}

export const requesterOf = (req: Request): Requester => ({ sessionId: req.sessionID, ip: req.ip ?? 'unknown' })

/** The answers stay in the session; the resident is told when to send them again. */
export function refuseTooMany(res: Response, context: SurveyContext, retryAfterSeconds: number, continueUrl: string) {
  res.setHeader('Retry-After', String(retryAfterSeconds))
  res.status(429).render('surveys/too-many', {
    consultation: context.consultation,
    minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
    continueUrl,
  })
}
