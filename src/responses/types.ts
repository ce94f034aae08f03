import type { PublishingChoice } from '../surveys/publishing'
export const RESPONSE_CHANNELS = ['online', 'paper'] as const
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number]

/**
 * One stored answer value. A single choice, dropdown or agreement answer is one row with optionValue;
 * a multiple choice answer is a row per chosen option; a matrix answer is a row per statement
 * (statementKey + optionValue); "Other, please specify" is optionValue OTHER_OPTION_VALUE with textValue;
 * text, email and postcode answers use textValue; numbers numberValue; dates dateValue (YYYY-MM-DD).
 */
export interface AnswerValue {
  questionId: number
  statementKey?: string | null
  optionValue?: string | null
  textValue?: string | null
  numberValue?: number | null
  dateValue?: string | null
}

export interface NewResponse {
  consultationId: number
  surveyId: number
  reference: string
  channel: ResponseChannel
  submittedAt?: Date
  submissionKey?: string | null
  isSample?: boolean
  enteredByUserId?: number | null
  answers: AnswerValue[]
  /** How the resident agreed their response may be published; null when the survey did not ask. */
  publishing?: PublishingChoice | null
}
