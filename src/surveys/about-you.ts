import type { Answer } from './answers'
import type { NewSurvey, Question, QuestionOption, SurveyPage } from './types'

type NewPage = NewSurvey['pages'][number]
type NewQuestion = NewPage['questions'][number]

export const ABOUT_YOU_PAGE_KEY = 'about-you'
export const PREFER_NOT_TO_SAY: QuestionOption = { value: 'prefer_not_to_say', label: 'Prefer not to say' }
export const NOT_IN_LEICESTER: QuestionOption = { value: 'outside_leicester', label: 'I do not live in Leicester' }

const optionValue = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
const options = (labels: string[]): QuestionOption[] => labels.map((label) => ({ value: optionValue(label), label }))

const ON_BEHALF_OF_AN_ORGANISATION = 'On behalf of an organisation'
export const ORGANISATION_NAME_MISSING = 'Enter the name of the organisation'

/**
 * The About you page's one cross-question rule: someone responding on behalf of an organisation must
 * name it. Returns the organisation question's error, if any, given the page's other answers.
 */
export function aboutYouProblem(
  page: SurveyPage,
  question: Question,
  answers: Map<string, Answer | null>,
): string | undefined {
  if (question.settings.standard !== 'organisation' || answers.get(question.key)) return undefined
  const respondentType = page.questions.find((candidate) => candidate.settings.standard === 'respondent_type')
  const answer = respondentType ? answers.get(respondentType.key) : undefined
  const onBehalf = answer?.kind === 'options' && answer.values.includes(optionValue(ON_BEHALF_OF_AN_ORGANISATION))
  return onBehalf ? ORGANISATION_NAME_MISSING : undefined
}

/** The Office for National Statistics' 2021 Census ethnic groups for England, group first. */
const ETHNIC_GROUPS: Record<string, string[]> = {
  'Asian, Asian British or Asian Welsh': [
    'Bangladeshi',
    'Chinese',
    'Indian',
    'Pakistani',
    'Any other Asian background',
  ],
  'Black, Black British, Black Welsh, Caribbean or African': [
    'African',
    'Caribbean',
    'Any other Black, Black British or Caribbean background',
  ],
  'Mixed or Multiple ethnic groups': [
    'White and Asian',
    'White and Black African',
    'White and Black Caribbean',
    'Any other Mixed or Multiple ethnic background',
  ],
  White: [
    'English, Welsh, Scottish, Northern Irish or British',
    'Irish',
    'Gypsy or Irish Traveller',
    'Roma',
    'Any other White background',
  ],
  'Other ethnic group': ['Arab', 'Any other ethnic group'],
}

const ethnicGroupOptions = (): QuestionOption[] =>
  Object.entries(ETHNIC_GROUPS).flatMap(([group, names]) => options(names.map((name) => `${group}: ${name}`)))

/** One standard About you question: optional, personal data, and every choice has "Prefer not to say". */
function standardQuestion(
  standard: string,
  question: Omit<NewQuestion, 'key' | 'required' | 'personalData' | 'settings'> & {
    settings?: NewQuestion['settings']
  },
): NewQuestion {
  return {
    key: standard.replace(/_/g, '-'),
    required: false,
    personalData: true,
    ...question,
    options: question.type === 'short_text' ? [] : [...(question.options ?? []), PREFER_NOT_TO_SAY],
    settings: { ...question.settings, standard },
  }
}

/**
 * The standard equality-monitoring page (ONS 2021 categories), generated from this one definition.
 * Ward options come from the council's ward list.
 */
export function aboutYouPage(wardNames: string[]): NewPage {
  return {
    key: ABOUT_YOU_PAGE_KEY,
    title: 'About you',
    isAboutYou: true,
    introMarkdown:
      'These questions help us check that we hear from everyone our decisions affect. They are all optional, and ' +
      'each has "Prefer not to say". Your answers are kept apart from your name and are only reported as totals.',
    questions: [
      standardQuestion('respondent_type', {
        type: 'single_choice',
        title: 'Are you responding as an individual or on behalf of an organisation?',
        options: options(['As an individual', ON_BEHALF_OF_AN_ORGANISATION]),
        settings: { errorName: 'how you are responding' },
      }),
      standardQuestion('organisation', {
        type: 'short_text',
        title: 'If you are responding on behalf of an organisation, which one?',
        hint: 'Leave this blank if you are responding as an individual.',
        settings: { maxLength: 200, errorName: 'the name of your organisation' },
      }),
      standardQuestion('age_band', {
        type: 'single_choice',
        title: 'What is your age?',
        options: options([
          'Under 18',
          '18 to 24',
          '25 to 34',
          '35 to 44',
          '45 to 54',
          '55 to 64',
          '65 to 74',
          '75 or over',
        ]),
        settings: { errorName: 'your age' },
      }),
      standardQuestion('sex', {
        type: 'single_choice',
        title: 'What is your sex?',
        options: options(['Female', 'Male']),
        settings: { errorName: 'your sex' },
      }),
      standardQuestion('gender_identity', {
        type: 'single_choice',
        title: 'Is the gender you identify with the same as your sex registered at birth?',
        options: options(['Yes', 'No']),
        settings: { errorName: 'whether your gender is the same as your sex registered at birth' },
      }),
      standardQuestion('ethnic_group', {
        type: 'dropdown',
        title: 'What is your ethnic group?',
        hint: 'Choose the option that best describes your ethnic group or background.',
        options: ethnicGroupOptions(),
        settings: { errorName: 'your ethnic group' },
      }),
      standardQuestion('disability', {
        type: 'single_choice',
        title:
          'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months ' +
          'or more?',
        options: options(['Yes', 'No']),
        settings: { errorName: 'whether you have a long-term health condition or illness' },
      }),
      standardQuestion('religion', {
        type: 'single_choice',
        title: 'What is your religion?',
        options: options(['No religion', 'Christian', 'Buddhist', 'Hindu', 'Jewish', 'Muslim', 'Sikh']),
        settings: { allowOther: true, otherLabel: 'Any other religion', errorName: 'your religion' },
      }),
      standardQuestion('sexual_orientation', {
        type: 'single_choice',
        title: 'Which of the following best describes your sexual orientation?',
        options: options(['Straight or heterosexual', 'Gay or lesbian', 'Bisexual']),
        settings: { allowOther: true, otherLabel: 'Other sexual orientation', errorName: 'your sexual orientation' },
      }),
      standardQuestion('ward', {
        type: 'dropdown',
        title: 'Which ward do you live in?',
        hint: 'Your ward is the area of the city you live in.',
        options: [...options(wardNames), NOT_IN_LEICESTER],
        settings: { errorName: 'the ward you live in' },
      }),
    ],
  }
}

/** The consent question a survey needs when it asks for any personal data. */
export function consentQuestion(key = 'consent'): NewQuestion {
  return {
    key,
    type: 'consent',
    title: 'How we use your information',
    hint:
      'We keep your answers to help us make a decision. Personal information, such as your About you answers and ' +
      'email address, is kept only as long as our privacy notice says and is never published.',
    required: true,
    personalData: false,
    options: [{ value: 'yes', label: 'I agree to the council using my answers as described in the privacy notice' }],
    settings: { standard: 'consent', errorName: 'to confirm you agree to how we use your answers' },
  }
}
