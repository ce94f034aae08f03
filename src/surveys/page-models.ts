import { formErrorsFrom } from '../shared/form-errors'
import type { SurveyConfirmation } from './journey'
import { surveyUrl } from './route-support'
import type { SurveyContext } from './service'
import type { SurveyPage } from './types'

/** What the email forms show after an attempt: the field error, or why nothing was sent. */
export interface EmailFormState {
  value?: string
  fieldError?: string
  problem?: string
  sent?: boolean
  /** The resident also asked to be reminded before the consultation closes. */
  reminded?: boolean
}

export const RATE_LIMITED = 'You have asked for too many emails. Wait 15 minutes, then try again.'

export const fieldErrorState = (value: unknown, message: string): EmailFormState => ({
  value: typeof value === 'string' ? value : '',
  fieldError: message,
})

/** The page model of "Your answers have been saved", with its email form when SMTP is configured. */
export function savedPageModel(
  context: SurveyContext,
  saved: { token: string; expiresAt: Date; page: SurveyPage; pageSaved: boolean },
  emailEnabled: boolean,
  email: EmailFormState = {},
  reminderOffered = false,
) {
  return {
    consultation: context.consultation,
    resumePath: surveyUrl(context, `resume/${saved.token}`),
    token: saved.token,
    expiresAt: saved.expiresAt,
    pageSaved: saved.pageSaved,
    page: saved.page,
    continueUrl: surveyUrl(context, saved.page.key),
    emailEnabled,
    reminderOffered,
    emailAction: surveyUrl(context, 'resume/email'),
    email,
    errorSummaryItems: email.fieldError ? formErrorsFrom({ email: email.fieldError }).errorSummaryItems : undefined,
  }
}

/** Which email forms the confirmation page offers: a copy of the answers, the outcome (both need the outbox). */
export interface ConfirmationForms {
  emailEnabled: boolean
  outcomeEnabled: boolean
}

/** What of the outcome is already public: then the page links to it rather than offering to email it. */
export type PublishedOutcome = 'feedback' | 'results' | null

const OUTCOME_ANCHORS = { feedback: 'feedback-heading', results: 'results-heading' } as const

export function confirmationModel(
  context: SurveyContext,
  confirmation: SurveyConfirmation,
  forms: ConfirmationForms,
  publishedOutcome: PublishedOutcome,
  email: EmailFormState = {},
  outcome: EmailFormState & { alreadyPublished?: boolean } = {},
) {
  const fieldErrors = {
    ...(email.fieldError ? { email: email.fieldError } : {}),
    ...(outcome.fieldError ? { 'outcome-email': outcome.fieldError } : {}),
  }
  return {
    consultation: context.consultation,
    confirmation,
    ...forms,
    emailAction: surveyUrl(context, 'confirmation'),
    email: email.fieldError || email.problem ? email : { sent: confirmation.copySent },
    outcomeAction: surveyUrl(context, 'outcome'),
    outcome: outcome.fieldError || outcome.problem ? outcome : { sent: confirmation.outcomeRequested },
    publishedOutcome,
    outcomeHref: publishedOutcome
      ? `/consultations/${context.consultation.slug}#${OUTCOME_ANCHORS[publishedOutcome]}`
      : undefined,
    outcomeAlreadyPublished: outcome.alreadyPublished === true,
    errorSummaryItems: Object.keys(fieldErrors).length > 0 ? formErrorsFrom(fieldErrors).errorSummaryItems : undefined,
  }
}
