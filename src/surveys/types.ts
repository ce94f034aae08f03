/** The kinds of question a survey can ask. Kept in step with the CHECK constraint in the surveys migration. */
export const QUESTION_TYPES = [
  'single_choice', // radios
  'multiple_choice', // checkboxes, optional min and max picks
  'dropdown', // select
  'short_text',
  'long_text', // with a character limit
  'number', // with min and max
  'date',
  'email',
  'postcode', // UK postcode
  'agreement', // Strongly agree … Strongly disagree, plus Don't know
  'matrix', // several statements against one scale
  'consent', // a single "I agree" checkbox
] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** Question types whose answers are option values, so they can be counted, routed on and cross-tabulated. */
export const CHOICE_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'dropdown',
  'agreement',
  'matrix',
  'consent',
]

export const AGREEMENT_SCALE = [
  { value: 'strongly_agree', label: 'Strongly agree' },
  { value: 'agree', label: 'Agree' },
  { value: 'neither', label: 'Neither agree nor disagree' },
  { value: 'disagree', label: 'Disagree' },
  { value: 'strongly_disagree', label: 'Strongly disagree' },
  { value: 'dont_know', label: "Don't know" },
] as const
export const AGREE_VALUES = ['strongly_agree', 'agree'] as const
export const DISAGREE_VALUES = ['disagree', 'strongly_disagree'] as const

/** The option value stored when a resident picks "Other, please specify"; their text goes in text_value. */
export const OTHER_OPTION_VALUE = '__other__'

export interface QuestionSettings {
  minPicks?: number
  maxPicks?: number
  maxLength?: number
  min?: number
  max?: number
  allowOther?: boolean
  otherLabel?: string
  /** Rows of a long-text box. */
  rows?: number
  /** Marks the standard About you and consent questions, e.g. "age_band", "ward", "consent". */
  standard?: string
  /**
   * Words that complete the GOV.UK error messages, e.g. "how often you visit parks" gives
   * "Select how often you visit parks"; for an agreement question, the statement: "Select whether you agree that …".
   */
  errorName?: string
}

export interface QuestionOption {
  value: string
  label: string
}

export interface MatrixStatement {
  key: string
  label: string
}

export interface Question {
  id: number
  key: string
  pageKey: string
  position: number
  type: QuestionType
  title: string
  hint: string | null
  required: boolean
  personalData: boolean
  settings: QuestionSettings
  options: QuestionOption[]
  statements: MatrixStatement[]
}

export interface PageRoute {
  questionKey: string
  optionValue: string
  /** null means "go to the end of the survey". */
  targetPageKey: string | null
}

export interface SurveyPage {
  id: number
  key: string
  position: number
  title: string
  introMarkdown: string
  isAboutYou: boolean
  questions: Question[]
  routes: PageRoute[]
}

export interface Survey {
  id: number
  consultationId: number
  introMarkdown: string
  estimatedMinutes: number | null
  aboutYouEnabled: boolean
  /** The survey asks each resident how their response may be published (src/surveys/publishing.ts). */
  publishResponses: boolean
  pages: SurveyPage[]
}

/** A survey definition to insert: keys are chosen by the caller, ids by the database. */
export interface NewSurvey {
  introMarkdown: string
  estimatedMinutes: number | null
  aboutYouEnabled: boolean
  publishResponses?: boolean
  pages: {
    key: string
    title: string
    introMarkdown?: string
    isAboutYou?: boolean
    questions: {
      key: string
      type: QuestionType
      title: string
      hint?: string | null
      required: boolean
      personalData?: boolean
      settings?: QuestionSettings
      options?: QuestionOption[]
      statements?: MatrixStatement[]
    }[]
    routes?: PageRoute[]
  }[]
}
