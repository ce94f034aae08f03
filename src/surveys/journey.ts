import crypto from 'node:crypto'
import type { Session, SessionData } from 'express-session'
import type { CompletedPages } from './routing'
import type { ReviewSection } from './review'

/** A resident's answers so far to one consultation's survey, kept in their server-side session. */
export interface SurveyJourney {
  surveyId: number
  completed: CompletedPages
  /** Sent with the final POST: a replay carries the same key, so it cannot make a second response. */
  submissionKey: string
  /** The saved draft this journey was resumed from or saved to, deleted when the response is sent. */
  draftId?: number
}

/** What the confirmation page shows after a submission. */
export interface SurveyConfirmation {
  reference: string
  submissionKey: string
  sections: ReviewSection[]
  /** Set once a copy has been emailed; the address itself is never kept. */
  copySent?: boolean
  /** Set once the resident has left an address to hear the outcome (kept apart, never here). */
  outcomeRequested?: boolean
}

declare module 'express-session' {
  interface SessionData {
    surveyJourneys?: Record<string, SurveyJourney>
    surveyConfirmations?: Record<string, SurveyConfirmation>
  }
}

type SurveySession = Session & Partial<SessionData>

/** The journey for this survey, or undefined when there is none (never started, or the session expired). */
export function findJourney(
  session: SurveySession,
  consultationId: number,
  surveyId: number,
): SurveyJourney | undefined {
  const journey = session.surveyJourneys?.[consultationId]
  return journey?.surveyId === surveyId ? journey : undefined
}

/** A journey not yet in the session: a visitor's first page is shown without storing anything. */
export function newJourney(surveyId: number, completed: CompletedPages = {}, draftId?: number): SurveyJourney {
  return { surveyId, completed, submissionKey: crypto.randomUUID(), ...(draftId ? { draftId } : {}) }
}

/** Puts the journey in the session, which is then stored and its cookie set. */
export function keepJourney(session: SurveySession, consultationId: number, journey: SurveyJourney): SurveyJourney {
  session.surveyJourneys = { ...session.surveyJourneys, [consultationId]: journey }
  return journey
}

export function startJourney(
  session: SurveySession,
  consultationId: number,
  surveyId: number,
  completed: CompletedPages = {},
  draftId?: number,
): SurveyJourney {
  return keepJourney(session, consultationId, newJourney(surveyId, completed, draftId))
}

/** Ends the journey: the answers leave the session and only what the confirmation page shows stays. */
export function finishJourney(session: SurveySession, consultationId: number, confirmation: SurveyConfirmation): void {
  session.surveyJourneys = Object.fromEntries(
    Object.entries(session.surveyJourneys ?? {}).filter(([id]) => id !== String(consultationId)),
  )
  session.surveyConfirmations = { ...session.surveyConfirmations, [consultationId]: confirmation }
}

export function findConfirmation(session: SurveySession, consultationId: number): SurveyConfirmation | undefined {
  return session.surveyConfirmations?.[consultationId]
}
