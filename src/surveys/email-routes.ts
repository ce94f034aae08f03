import { type Request, Router } from 'express'
import { noStore } from '../middleware/cache-control'
import { provideCsrfToken } from '../middleware/csrf'
import type { RouteDeps } from '../routes'
import { NotFoundError } from '../shared/errors'
import { present } from '../shared/present'
import { findConfirmation } from './journey'
import { confirmationModel, type EmailFormState, fieldErrorState, RATE_LIMITED, savedPageModel } from './page-models'
import {
  refuseUnlessOpen,
  requesterOf,
  redirectWithFormToken,
  SURVEY_PATH,
  surveyContextOf,
  surveyLoader,
  surveyUrl,
} from './route-support'
import { firstPageOf } from './routing'
import { emailAddressSchema, resumeEmailBodySchema } from './schemas'

/** The email box as typed, whatever the body holds, to show again beside its error. */
const typedEmail = (req: Request): unknown => (req.body as { email?: unknown } | undefined)?.email

/** The message of a rejected address: a failed parse always carries at least one issue. */
const firstIssueMessage = (error: { issues: readonly { message: string }[] }): string =>
  present(error.issues[0], 'The problem with the email address').message

/** Emailed copies of a response and emailed resume links, queued in the outbox and offered only when it can send. */
export function surveyEmailRoutes({ config: { baseUrl }, services }: RouteDeps): Router {
  const { surveyService, surveyEmailService: emailService, outcomeService, reminderService } = services
  const forms = { emailEnabled: emailService.enabled, outcomeEnabled: outcomeService.enabled }
  const router = Router()
  router.param('slug', surveyLoader(surveyService))
  router.use(SURVEY_PATH, noStore)

  router.post('/consultations/:slug/survey/confirmation', provideCsrfToken, async (req, res) => {
    const context = surveyContextOf(res)
    const confirmation = findConfirmation(req.session, context.consultation.id)
    if (!confirmation) return res.redirect(303, surveyUrl(context))
    if (!emailService.enabled) throw new NotFoundError('survey emails')
    const published = await outcomeService.publishedOutcome(context.consultation)
    const render = (status: number, email: EmailFormState) =>
      res
        .status(status)
        .render('surveys/confirmation', confirmationModel(context, confirmation, forms, published, email))

    const address = emailAddressSchema.safeParse(req.body ?? {})
    if (!address.success) return render(400, fieldErrorState(typedEmail(req), firstIssueMessage(address.error)))
    const outcome = await emailService.sendAnswersCopy(requesterOf(req), address.data.email, confirmation.reference)
    if (outcome === 'rate-limited') return render(429, { problem: RATE_LIMITED })
    confirmation.copySent = true
    redirectWithFormToken(req, res, surveyUrl(context, 'confirmation'))
  })

  router.post('/consultations/:slug/survey/outcome', provideCsrfToken, async (req, res) => {
    const context = surveyContextOf(res)
    const confirmation = findConfirmation(req.session, context.consultation.id)
    if (!confirmation) return res.redirect(303, surveyUrl(context))
    if (!outcomeService.enabled) throw new NotFoundError('outcome emails')
    const published = await outcomeService.publishedOutcome(context.consultation)
    const render = (status: number, outcome: EmailFormState & { alreadyPublished?: boolean }, current = published) =>
      res
        .status(status)
        .render('surveys/confirmation', confirmationModel(context, confirmation, forms, current, {}, outcome))

    // Published since the page was shown: the email would never be sent, so say so, link to it and keep nothing.
    if (published) return render(409, { alreadyPublished: true })
    const address = emailAddressSchema.safeParse(req.body ?? {})
    if (!address.success) return render(400, fieldErrorState(typedEmail(req), firstIssueMessage(address.error)))
    const result = await outcomeService.request(req.ip ?? '', context.consultation.id, address.data.email)
    if (result === 'rate-limited') return render(429, { problem: RATE_LIMITED })
    if (result === 'already-published') {
      const publishedMeanwhile = await outcomeService.publishedOutcomeNow(context.consultation.id)
      return render(409, { alreadyPublished: true }, publishedMeanwhile)
    }
    confirmation.outcomeRequested = true
    redirectWithFormToken(req, res, surveyUrl(context, 'confirmation'))
  })

  router.post('/consultations/:slug/survey/resume/email', provideCsrfToken, async (req, res) => {
    const context = surveyContextOf(res)
    if (refuseUnlessOpen(context, res, true)) return
    if (!emailService.enabled) throw new NotFoundError('survey emails')
    const body = resumeEmailBodySchema.safeParse(req.body ?? {})
    const expiresAt = body.success ? await surveyService.draftExpiry(context, body.data.token) : null
    if (!body.success || !expiresAt)
      return res
        .status(404)
        .render('surveys/resume-invalid', { consultation: context.consultation, startUrl: surveyUrl(context) })

    const { token, pageKey, remind } = body.data
    const page = context.survey.pages.find((candidate) => candidate.key === pageKey) ?? firstPageOf(context.survey)
    const reminderOffered = reminderService.offered(context.consultation.closesAt)
    const saved = { token, expiresAt, page, pageSaved: true }
    const render = (status: number, email: EmailFormState) =>
      res.status(status).render('surveys/saved', savedPageModel(context, saved, true, email, reminderOffered))

    const address = emailAddressSchema.safeParse(req.body ?? {})
    if (!address.success) return render(400, fieldErrorState(typedEmail(req), firstIssueMessage(address.error)))
    const outcome = await emailService.sendResumeLink(requesterOf(req), address.data.email, {
      consultationTitle: context.consultation.title,
      resumeUrl: baseUrl + surveyUrl(context, `resume/${token}`),
      expiresAt,
    })
    if (outcome === 'rate-limited') return render(429, { problem: RATE_LIMITED })
    const reminded = remind === 'yes' && reminderOffered
    if (reminded) await reminderService.request(context.consultation.id, token, address.data.email)
    render(200, { sent: true, reminded })
  })

  return router
}
