import { DateTime } from 'luxon'
import { COUNCIL_TIME_ZONE, endOfLondonDay } from '../shared/dates'
import type { ConsultationStatus } from './types'

/** Cabinet Office guidance: publish the outcome within 12 weeks of a consultation closing. */
export const OUTCOME_DUE_WEEKS = 12

/** A consultation's outcome due date when no officer chose one: 12 weeks after it closes, London time. */
export function defaultOutcomeDue(closesAt: Date): Date {
  return DateTime.fromJSDate(closesAt).setZone(COUNCIL_TIME_ZONE).plus({ weeks: OUTCOME_DUE_WEEKS }).toJSDate()
}

/** The outcome due instant: the end of the officer's chosen London day, or the default. */
export const outcomeDueAt = (closesAt: Date, chosenDay: string | null): Date =>
  chosenDay ? endOfLondonDay(chosenDay) : defaultOutcomeDue(closesAt)

/** Where a consultation is on the road from opening to its published outcome. */
export type ConsultationStage = 'forthcoming' | 'open' | 'awaiting-outcome' | 'outcome-published'

export interface Lifecycle {
  status: ConsultationStatus
  /** Its "We asked, You said, We did" is published. */
  outcomePublished: boolean
}

export function stageOf({ status, outcomePublished }: Lifecycle): ConsultationStage {
  if (status !== 'closed') return status
  return outcomePublished ? 'outcome-published' : 'awaiting-outcome'
}

/** The one source of the words and tag colour for a consultation's status, wherever it is shown. */
export const STAGE_TAGS: Record<ConsultationStage, { text: string; classes: string }> = {
  forthcoming: { text: 'Forthcoming', classes: 'govuk-tag--blue' },
  open: { text: 'Open', classes: 'govuk-tag--green' },
  'awaiting-outcome': { text: 'Closed: we are analysing your feedback', classes: 'govuk-tag--grey' },
  'outcome-published': { text: 'Closed: outcome published', classes: 'govuk-tag--purple' },
}

export const statusTagOf = (consultation: Lifecycle) => STAGE_TAGS[stageOf(consultation)]
export const statusLabelOf = (consultation: Lifecycle) => statusTagOf(consultation).text

/** The finder's outcome filter: closed consultations awaiting their outcome, or with it published. */
export const OUTCOME_FILTERS = ['awaiting', 'published'] as const
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number]
export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  awaiting: 'Awaiting outcome',
  published: 'Outcome published',
}
