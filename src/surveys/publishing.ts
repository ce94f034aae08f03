import type { AnswerValue } from '../responses/types'
import type { Answer } from './answers'
import type { Question, Survey, SurveyPage } from './types'

/** The resident's choice, in Citizen Space's words. */
export const PUBLISHING_CONSENTS = ['with_name', 'without_name', 'do_not_publish'] as const
export type PublishingConsent = (typeof PUBLISHING_CONSENTS)[number]
export const PUBLISHING_CONSENT_LABELS: Record<PublishingConsent, string> = {
  with_name: 'Publish my response with my name',
  without_name: 'Publish my response without my name',
  do_not_publish: 'Do not publish my response',
}

export interface PublishingChoice {
  consent: PublishingConsent
  name: string | null
  organisation: string | null
}

/** The journey step that asks the question; its key is reserved, so no survey page can take it. */
export const PUBLISHING_PAGE_KEY = 'publishing'
export const PUBLISHED_NAME_MISSING = 'Enter the name to publish with your response'

/** The page's questions are not stored as survey questions: their negative ids mark them apart. */
const CONSENT_ID = -1
const NAME_ID = -2
const ORGANISATION_ID = -3

const question = (fields: Omit<Question, 'pageKey' | 'position' | 'options' | 'statements'> & Partial<Question>) => ({
  pageKey: PUBLISHING_PAGE_KEY,
  position: 0,
  options: [],
  statements: [],
  ...fields,
})

const PUBLISHING_PAGE: SurveyPage = {
  id: 0,
  key: PUBLISHING_PAGE_KEY,
  position: Number.MAX_SAFE_INTEGER,
  title: 'Publishing your response',
  introMarkdown:
    'We may publish responses after checking them. We never publish your About you answers or other personal ' +
    'information, and we remove anything that could identify someone else.',
  isAboutYou: false,
  routes: [],
  questions: [
    question({
      id: CONSENT_ID,
      key: 'publish-consent',
      type: 'single_choice',
      title: 'How may we publish your response?',
      hint: null,
      required: true,
      personalData: false,
      options: PUBLISHING_CONSENTS.map((value) => ({ value, label: PUBLISHING_CONSENT_LABELS[value] })),
      settings: { standard: 'publishing_consent', errorName: 'how we may publish your response' },
    }),
    question({
      id: NAME_ID,
      key: 'publish-name',
      type: 'short_text',
      title: 'Name to publish (if you chose to publish with your name)',
      hint: null,
      required: false,
      personalData: true,
      settings: { standard: 'published_name', maxLength: 200, errorName: 'the name to publish' },
    }),
    question({
      id: ORGANISATION_ID,
      key: 'publish-organisation',
      type: 'short_text',
      title: 'Organisation name to publish (optional)',
      hint: 'If you are responding on behalf of an organisation, we can publish its response under its name.',
      required: false,
      personalData: true,
      settings: { standard: 'published_organisation', maxLength: 200, errorName: 'the organisation name' },
    }),
  ],
}

/** The resident's journey: a survey that publishes responses ends by asking how, after About you. */
export const withPublishingPage = (survey: Survey): Survey =>
  survey.publishResponses ? { ...survey, pages: [...survey.pages, PUBLISHING_PAGE] } : survey

export const isPublishingPage = (page: SurveyPage): boolean => page.key === PUBLISHING_PAGE_KEY && page.id === 0

/** "With my name" needs a name (or an organisation's name) to publish. */
export function publishingProblem(question: Question, answers: Map<string, Answer | null>): string | undefined {
  if (question.id !== NAME_ID || answers.get(question.key)) return undefined
  const consent = answers.get('publish-consent')
  const organisation = answers.get('publish-organisation')
  const withName = consent?.kind === 'options' && consent.values.includes('with_name')
  return withName && !organisation ? PUBLISHED_NAME_MISSING : undefined
}

/** Separates the publishing answers, which belong to the response itself, from the survey's answers. */
export function splitPublishingAnswers(values: AnswerValue[]): {
  answers: AnswerValue[]
  publishing: PublishingChoice | null
} {
  const textOf = (id: number) => {
    const text = values.find((value) => value.questionId === id)?.textValue?.trim()
    return text === undefined || text === '' ? null : text
  }
  const consent = values.find((value) => value.questionId === CONSENT_ID)?.optionValue
  const answers = values.filter((value) => value.questionId > 0)
  if (!PUBLISHING_CONSENTS.includes(consent as PublishingConsent)) return { answers, publishing: null }
  const withName = consent === 'with_name'
  return {
    answers,
    publishing: {
      consent: consent as PublishingConsent,
      name: withName ? textOf(NAME_ID) : null,
      organisation: consent === 'do_not_publish' ? null : textOf(ORGANISATION_ID),
    },
  }
}
