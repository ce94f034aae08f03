import { type Request, type Response, Router } from 'express'
import { noStore } from '../middleware/cache-control'
import { cachedPage } from '../page-cache/middleware'
import { provideFormToken } from '../middleware/csrf'
import type { RouteDeps } from '../routes'
import { NotFoundError } from '../shared/errors'
import { isValid, validatePage } from './answer-schemas'
import { confirmationModel, savedPageModel } from './page-models'
import { pickFields } from './answers'
import {
  findConfirmation,
  findJourney,
  finishJourney,
  keepJourney,
  newJourney,
  startJourney,
  type SurveyJourney,
} from './journey'
import { renderToString } from '../nunjucks/render-to-string'
import { createKeptQuestionPages, type BlankPageModel } from './kept-question-pages'
import { questionView } from './question-view'
import { reviewAnswers } from './review'
import { firstIncompletePage, firstPageOf, neighboursOnPath, pathThrough } from './routing'
import {
  anonymousSurveyForms,
  refuseTooMany,
  refuseUnlessOpen,
  requesterOf,
  redirectWithFormToken,
  SURVEY_PATH,
  surveyContextOf,
  surveyLoader,
  surveyUrl,
} from './route-support'
import { checkBodySchema, pageActionSchema, pageParamsSchema, pageQuerySchema, resumeParamsSchema } from './schemas'
import { type SurveyContext, SurveyNotOpenError, TooManyResponsesError } from './service'
import type { FieldValues } from './answers'
import type { SurveyPage } from './types'

/** The resident's journey: start page, one page at a time, check answers, confirmation, save and resume. */
export function surveyRoutes({ config, services }: RouteDeps): Router {
  const { surveyService, surveyEmailService, outcomeService, responseLimits, pageCacheService } = services
  const emailEnabled = surveyEmailService.enabled
  const confirmationForms = { emailEnabled, outcomeEnabled: outcomeService.enabled }
  const provideCsrfToken = provideFormToken(anonymousSurveyForms(config))
  const sendBlankPage = createKeptQuestionPages()
  const router = Router()
  router.param('slug', surveyLoader(surveyService))
  router.use(SURVEY_PATH, noStore)

  function pageOf(req: Request, res: Response): { context: SurveyContext; page: SurveyPage } {
    const params = pageParamsSchema.safeParse(req.params)
    const context = surveyContextOf(res)
    const page = context.survey.pages.find((candidate) => candidate.key === params.data?.pageKey)
    if (!page) throw new NotFoundError('survey page')
    return { context, page }
  }

  const renderExpired = (context: SurveyContext, res: Response) =>
    res.status(200).render('surveys/expired', { consultation: context.consultation, startUrl: surveyUrl(context) })

  async function renderPage(
    req: Request,
    res: Response,
    context: SurveyContext,
    page: SurveyPage,
    journey: SurveyJourney,
    state: { values: FieldValues; fromCheck: boolean; errors?: ReturnType<typeof validatePage> },
  ): Promise<void> {
    const path = pathThrough(context.survey, journey.completed)
    const previous = neighboursOnPath(path, page.key).previous
    const blankModel: BlankPageModel = {
      pageNumber: path.findIndex((candidate) => candidate.key === page.key) + 1,
      pageCount: path.length,
      formAction: surveyUrl(context, page.key) + (state.fromCheck ? '?from=check' : ''),
      backHref: state.fromCheck
        ? surveyUrl(context, 'check')
        : previous
          ? surveyUrl(context, previous.key)
          : surveyUrl(context),
    }
    const model = (values: FieldValues, errors?: ReturnType<typeof validatePage>) => ({
      ...blankModel,
      consultation: context.consultation,
      page,
      questions: page.questions.map((question) => questionView(question, values, errors?.errors.fieldErrors ?? {})),
      errorSummaryItems: errors?.errors.errorSummaryItems,
    })
    const blank = !state.errors && Object.keys(state.values).length === 0
    if (!blank) return res.status(state.errors ? 400 : 200).render('surveys/page', model(state.values, state.errors))
    await sendBlankPage(req, res, context, blankModel, (csrfToken) =>
      renderToString(res, 'surveys/page', { ...model({}), csrfToken }),
    )
  }

  /** Sends the resident to the first page they still have to answer when they ask for one they cannot reach yet. */
  function redirectIfUnreachable(
    context: SurveyContext,
    page: SurveyPage,
    journey: SurveyJourney,
    res: Response,
  ): boolean {
    const path = pathThrough(context.survey, journey.completed)
    const onPath = path.findIndex((candidate) => candidate.key === page.key)
    const incomplete = firstIncompletePage(path, journey.completed)
    const incompleteIndex = incomplete ? path.indexOf(incomplete) : path.length
    if (onPath >= 0 && onPath <= incompleteIndex) return false
    res.redirect(303, surveyUrl(context, incomplete ? incomplete.key : 'check'))
    return true
  }

  // The same for every visitor: kept for those with no session, like the consultation's own page.
  router.get('/consultations/:slug/survey', cachedPage(pageCacheService), (req, res) => {
    const context = surveyContextOf(res)
    res.render('surveys/start', {
      consultation: context.consultation,
      survey: context.survey,
      firstPageUrl: surveyUrl(context, firstPageOf(context.survey).key),
    })
  })

  router.get('/consultations/:slug/survey/check', provideCsrfToken, (req, res) => {
    const context = surveyContextOf(res)
    if (refuseUnlessOpen(context, res, true)) return
    const journey = findJourney(req.session, context.consultation.id, context.survey.id)
    if (!journey) return renderExpired(context, res)
    const review = reviewAnswers(context.survey, journey.completed)
    if (review.incomplete) return res.redirect(303, surveyUrl(context, review.incomplete.key))
    res.render('surveys/check', {
      consultation: context.consultation,
      sections: review.sections,
      surveyUrl: surveyUrl(context),
      submissionKey: journey.submissionKey,
    })
  })

  router.post('/consultations/:slug/survey/check', async (req, res) => {
    const context = surveyContextOf(res)
    if (refuseUnlessOpen(context, res, true)) return
    const journey = findJourney(req.session, context.consultation.id, context.survey.id)
    if (!journey) {
      const { submissionKey } = checkBodySchema.parse(req.body ?? {})
      const confirmation = findConfirmation(req.session, context.consultation.id)
      if (confirmation && submissionKey && confirmation.submissionKey === submissionKey)
        return res.redirect(303, surveyUrl(context, 'confirmation'))
      return renderExpired(context, res)
    }
    const review = reviewAnswers(context.survey, journey.completed)
    if (review.incomplete) return res.redirect(303, surveyUrl(context, review.incomplete.key))
    try {
      const { reference } = await surveyService.submit(context, review.values, journey.submissionKey, {
        draftId: journey.draftId,
        limits: responseLimits.submissionLimits(requesterOf(req)),
      })
      finishJourney(req.session, context.consultation.id, {
        reference,
        submissionKey: journey.submissionKey,
        sections: review.sections,
      })
      redirectWithFormToken(req, res, surveyUrl(context, 'confirmation'))
    } catch (err) {
      if (err instanceof TooManyResponsesError)
        return refuseTooMany(res, context, err.retryAfterSeconds, surveyUrl(context, 'check'))
      if (!(err instanceof SurveyNotOpenError)) throw err
      res.status(403).render('surveys/not-open', { consultation: context.consultation, midSurvey: true })
    }
  })

  router.get('/consultations/:slug/survey/confirmation', provideCsrfToken, async (req, res) => {
    const context = surveyContextOf(res)
    const confirmation = findConfirmation(req.session, context.consultation.id)
    if (!confirmation) return res.redirect(303, surveyUrl(context))
    const published = await outcomeService.publishedOutcome(context.consultation)
    res.render('surveys/confirmation', confirmationModel(context, confirmation, confirmationForms, published))
  })

  router.get('/consultations/:slug/survey/resume/:token', async (req, res) => {
    const params = resumeParamsSchema.safeParse(req.params)
    const context = surveyContextOf(res)
    if (refuseUnlessOpen(context, res, true)) return
    const draft = params.success ? await surveyService.resumeDraft(context, params.data.token) : null
    if (!draft)
      return res
        .status(404)
        .render('surveys/resume-invalid', { consultation: context.consultation, startUrl: surveyUrl(context) })
    const journey = startJourney(
      req.session,
      context.consultation.id,
      context.survey.id,
      draft.completed,
      draft.draftId,
    )
    const incomplete = firstIncompletePage(pathThrough(context.survey, journey.completed), journey.completed)
    redirectWithFormToken(req, res, surveyUrl(context, incomplete ? incomplete.key : 'check'))
  })

  router.get('/consultations/:slug/survey/:pageKey', provideCsrfToken, (req, res) => {
    const { context, page } = pageOf(req, res)
    if (refuseUnlessOpen(context, res, false)) return
    const isFirstPage = firstPageOf(context.survey).key === page.key
    const journey = findJourney(req.session, context.consultation.id, context.survey.id)
    if (!journey && !isFirstPage) return renderExpired(context, res)
    if (!journey)
      return renderPage(req, res, context, page, newJourney(context.survey.id), {
        values: {},
        fromCheck: false,
      })
    if (redirectIfUnreachable(context, page, journey, res)) return
    const { from } = pageQuerySchema.parse(req.query)
    return renderPage(req, res, context, page, journey, {
      values: journey.completed[page.key] ?? {},
      fromCheck: from === 'check',
    })
  })

  router.post('/consultations/:slug/survey/:pageKey', provideCsrfToken, async (req, res) => {
    const { context, page } = pageOf(req, res)
    if (refuseUnlessOpen(context, res, true)) return
    const kept = findJourney(req.session, context.consultation.id, context.survey.id)
    if (!kept && firstPageOf(context.survey).key !== page.key) return renderExpired(context, res)
    const journey = kept ?? newJourney(context.survey.id)
    if (redirectIfUnreachable(context, page, journey, res)) return
    const fromCheck = pageQuerySchema.parse(req.query).from === 'check'
    const { action } = pageActionSchema.parse(req.body ?? {})
    const values = pickFields(page.questions, req.body)
    const validation = validatePage(page, values)
    const valid = isValid(validation)
    if (valid) journey.completed = { ...journey.completed, [page.key]: values }
    if (!kept && (valid || action === 'save')) keepJourney(req.session, context.consultation.id, journey)

    if (action === 'save') {
      const limit = await responseLimits.hitDraftSave(requesterOf(req))
      if (!limit.allowed) return refuseTooMany(res, context, limit.retryAfterSeconds, surveyUrl(context, page.key))
      const saved = await surveyService.saveDraft(context, journey.completed, journey.draftId)
      journey.draftId = saved.draftId
      const reminderOffered = services.reminderService.offered(context.consultation.closesAt)
      const model = savedPageModel(context, { ...saved, page, pageSaved: valid }, emailEnabled, {}, reminderOffered)
      return res.render('surveys/saved', model)
    }
    if (!valid) return renderPage(req, res, context, page, journey, { values, fromCheck, errors: validation })
    const path = pathThrough(context.survey, journey.completed)
    const next = fromCheck ? firstIncompletePage(path, journey.completed) : neighboursOnPath(path, page.key).next
    redirectWithFormToken(
      req,
      res,
      next ? surveyUrl(context, next.key) + (fromCheck ? '?from=check' : '') : surveyUrl(context, 'check'),
    )
  })

  return router
}
