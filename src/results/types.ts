import type { Question } from '../surveys/types'

/** Which responses the results and exports cover: the one response filter (src/responses/filter.ts). */
export type { ResponseFilter as ResultsFilter } from '../responses/filter'

export interface ConsultationRef {
  id: number
  slug: string
  title: string
}

/** A count with its share of all respondents and of those who answered the question (or statement). */
export interface Figure {
  count: number
  ofRespondents: number
  ofAnswered: number
}

export interface OptionFigure extends Figure {
  value: string
  label: string
}

export interface AgreementFigures {
  agree: Figure
  disagree: Figure
}

export interface ChoiceFigures {
  answered: number
  options: OptionFigure[]
  agreement: AgreementFigures | null
}

export interface StatementFigures extends ChoiceFigures {
  key: string
  label: string
}

export type QuestionFigures =
  | ({ kind: 'choice' } & ChoiceFigures)
  | { kind: 'matrix'; answered: number; statements: StatementFigures[] }
  | { kind: 'number'; answered: number; min: number | null; median: number | null; max: number | null }
  | { kind: 'date'; answered: number; earliest: string | null; latest: string | null }
  | { kind: 'text'; answered: number }

export interface QuestionResult {
  number: number
  question: Question
  respondents: number
  figures: QuestionFigures
  /** Answers given as "Other, please specify" (choice questions) that can be read as free text. */
  otherAnswered: number
}

export interface TextAnswer {
  answerId: number
  reference: string
  submittedAt: Date
  text: string
  codeIds: number[]
}

export interface TextAnswerPage {
  answers: TextAnswer[]
  total: number
  page: number
  pageCount: number
}

/** Why a published figure is not shown: it counts 1 to 4 people, or the hidden one could be worked out from it. */
export type WithheldReason = 'too-few' | 'protects-another'

export interface Withheld {
  withheld: WithheldReason
}

/** A figure as the public sees it: the number, or why it is withheld (src/results/disclosure.ts). */
export type Disclosed<T = number> = T | Withheld

export interface PublicFigure {
  count: Disclosed
  ofRespondents: Disclosed
  ofAnswered: Disclosed
}

export interface PublicChoiceFigures {
  answered: Disclosed
  options: (PublicFigure & { value: string; label: string })[]
  agreement: { agree: PublicFigure; disagree: PublicFigure } | null
}

export type PublicQuestionFigures =
  | ({ kind: 'choice' } & PublicChoiceFigures)
  | { kind: 'matrix'; answered: Disclosed; statements: (PublicChoiceFigures & { key: string; label: string })[] }
  | { kind: 'number'; answered: Disclosed; min: Disclosed | null; median: Disclosed | null; max: Disclosed | null }
  | { kind: 'date'; answered: Disclosed; earliest: Disclosed<string> | null; latest: Disclosed<string> | null }
  | { kind: 'text'; answered: Disclosed }

/** A published question's figures, with those about fewer than 5 people withheld. */
export interface PublicQuestionResult {
  number: number
  question: Question
  respondents: number
  figures: PublicQuestionFigures
}

/** A cross-tab cell: shown, or hidden because fewer than 5 respondents are in it. */
export type CrossTabCell = { suppressed: false; count: number; percent: number } | { suppressed: true }

export interface CrossTab {
  rowQuestion: Question
  columnQuestion: Question
  columns: { value: string; label: string; base: CrossTabCell }[]
  rows: { value: string; label: string; cells: CrossTabCell[] }[]
  /** False when no column has 5 or more respondents, so there is nothing to show. */
  enoughResponses: boolean
}

/**
 * What the choice counts need to know of a question: where its answers are in responses.choice_codes
 * (see src/surveys/choice-layout.ts), and the code of each of its options, "Other" included.
 */
export interface ChoiceQuestionRef {
  multiple: boolean
  /** The slot of its answer, or for a matrix, of each statement's. */
  slot: number | null
  statementSlots: Record<string, number>
  codes: Record<string, number>
}
