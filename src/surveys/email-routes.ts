import { type Request, Router } from 'express'
import { provideCsrfToken } from '../middleware/csrf'
import type { EmailOutcome, EmailRequester, SurveyEmailService } from './email-service'
import { findConfirmation, type SurveyConfirmation } from './journey'
import { loadSurveyContext, refuseUnlessOpen, saveSessionThenRedirect, surveyUrl } from './route-support'
import { pathThrough } from './routing'
import { emailAddressSchema, resumeEmailBodySchema } from './schemas'
import type { SurveyContext, SurveyService } from './service'
import type { SurveyPage } from './types'

/** What the email forms show after an attempt: the field error, or why nothing was sent. */
interface EmailFormState {
  value?: string
  fieldError?: string
  problem?: string
  sent?: boolean
}

const RATE_LIMITED = 'You have asked for too many emails. Wait 15 minutes, then try again.'
const SEND_FAILED = 'Sorry, we could not send the email just now. Try again later.'

const fieldErrorState = (value: unknown, message: string): EmailFormState => ({
  value: typeof value === 'string' ? value : '',
  fieldError: message,
})

/** The page model of "Your answers have been saved", with its email form when SMTP is configured. */
export function savedPageModel(context: SurveyContext, saved: { token: string; expiresAt: Date; page: SurveyPage; pageSaved: boolean }, emailEnabled: boolean, email: EmailFormState = {}) {
  return {
    consultation: context.consultation,
    resumePath: surveyUrl(context, `resume/${saved.token}`),
    token: saved.token,
    expiresAt: saved.expiresAt,
    pageSaved: saved.pageSaved,
    page: saved.page,
    continueUrl: surveyUrl(context, saved.page.key),
    emailEnabled,
    emailAction: surveyUrl(context, 'resume/email'),
    email,
    errorSummaryItems: email.fieldError ? [{ text: email.fieldError, href: '#email' }] : undefined,
  }
}

export function confirmationModel(context: SurveyContext, confirmation: SurveyConfirmation, emailEnabled: boolean, email: EmailFormState = {}) {
  return {
    consultation: context.consultation,
    confirmation,
    emailEnabled,
    emailAction: surveyUrl(context, 'confirmation'),
    email: email.fieldError || email.problem ? email : { sent: confirmation.copySent },
    errorSummaryItems: email.fieldError ? [{ text: email.fieldError, href: '#email' }] : undefined,
  }
}

const requesterOf = (req: Request): EmailRequester => ({ sessionId: req.sessionID, ip: req.ip ?? 'unknown' })

/** The status and message for an email that was not sent; the address never reaches the log. */
function unsent(req: Request, outcome: Exclude<EmailOutcome, { sent: true }>): { status: number; state: EmailFormState } {
  if (outcome.reason === 'rate-limited') return { status: 429, state: { problem: RATE_LIMITED } }
  req.log?.warn({ reason: outcome.reason, code: 'code' in outcome ? outcome.code : undefined }, 'could not send a survey email')
  return { status: 200, state: { problem: SEND_FAILED } }
}

/** Emailed copies of a response and emailed resume links, offered only when SMTP is configured. */
export function surveyEmailRoutes(surveyService: SurveyService, emailService: SurveyEmailService, baseUrl: string): Router {
  const router = Router()

  router.post('/consultations/:slug/survey/confirmation', provideCsrfToken, async (req, res) => {
    const context = await loadSurveyContext(surveyService, req, res)
    if (!context) return
    const confirmation = findConfirmation(req.session, context.consultation.id)
    if (!confirmation) return res.redirect(303, surveyUrl(context))
    if (!emailService.enabled) return res.status(404).render('errors/404')
    const render = (status: number, email: EmailFormState) => res.status(status).render('surveys/confirmation', confirmationModel(context, confirmation, true, email))

    const address = emailAddressSchema.safeParse(req.body ?? {})
    if (!address.success) return render(400, fieldErrorState(req.body?.email, address.error.issues[0]!.message))
    const outcome = await emailService.sendAnswersCopy(requesterOf(req), address.data.email, {
      consultationTitle: context.consultation.title,
      reference: confirmation.reference,
      sections: confirmation.sections,
    })
    if (!outcome.sent) {
      const { status, state } = unsent(req, outcome)
      return render(status, state)
    }
    confirmation.copySent = true
    await saveSessionThenRedirect(req, res, surveyUrl(context, 'confirmation'))
  })

  router.post('/consultations/:slug/survey/resume/email', provideCsrfToken, async (req, res) => {
    const context = await loadSurveyContext(surveyService, req, res)
    if (!context || refuseUnlessOpen(context, res, true)) return
    if (!emailService.enabled) return res.status(404).render('errors/404')
    const body = resumeEmailBodySchema.safeParse(req.body ?? {})
    const expiresAt = body.success ? await surveyService.draftExpiry(context, body.data.token) : null
    if (!body.success || !expiresAt) return res.status(404).render('surveys/resume-invalid', { consultation: context.consultation, startUrl: surveyUrl(context) })

    const { token, pageKey } = body.data
    const page = context.survey.pages.find((candidate) => candidate.key === pageKey) ?? pathThrough(context.survey, {})[0]!
    const render = (status: number, email: EmailFormState) =>
      res.status(status).render('surveys/saved', savedPageModel(context, { token, expiresAt, page, pageSaved: true }, true, email))

    const address = emailAddressSchema.safeParse(req.body ?? {})
    if (!address.success) return render(400, fieldErrorState(req.body?.email, address.error.issues[0]!.message))
    const outcome = await emailService.sendResumeLink(requesterOf(req), address.data.email, {
      consultationTitle: context.consultation.title,
      resumeUrl: baseUrl + surveyUrl(context, `resume/${token}`),
      expiresAt,
    })
    if (!outcome.sent) {
      const { status, state } = unsent(req, outcome)
      return render(status, state)
    }
    render(200, { sent: true })
  })

  return router
}
