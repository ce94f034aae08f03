import { aboutYouPage, consentQuestion } from '../../src/surveys/about-you'
import { AGREEMENT_SCALE, type NewSurvey } from '../../src/surveys/types'

const PARKS = [
  { value: 'abbey-park', label: 'Abbey Park' },
  { value: 'victoria-park', label: 'Victoria Park' },
  { value: 'braunstone-park', label: 'Braunstone Park' },
  { value: 'western-park', label: 'Western Park' },
  { value: 'knighton-park', label: 'Knighton Park' },
]

/**
 * The sample survey: every question type, two routes (people who never visit skip the questions
 * about their visits; people who want no updates skip the contact details) and the About you page.
 */
export function sampleSurvey(wardNames: string[]): NewSurvey {
  const aboutYou = aboutYouPage(wardNames)
  return {
    introMarkdown:
      'Tell us how you use Leicester’s parks and green spaces and what would make them better. This is a sample: ' +
      'your answers are not used to make decisions.',
    estimatedMinutes: 10,
    aboutYouEnabled: true,
    pages: [
      {
        key: 'your-visits',
        title: 'Your visits to parks',
        questions: [
          {
            key: 'visit-frequency',
            type: 'single_choice',
            title: 'How often do you visit a park in Leicester?',
            required: true,
            settings: { errorName: 'how often you visit a park' },
            options: [
              { value: 'daily', label: 'Every day or most days' },
              { value: 'weekly', label: 'At least once a week' },
              { value: 'monthly', label: 'At least once a month' },
              { value: 'rarely', label: 'Less often' },
              { value: 'never', label: 'Never' },
            ],
          },
        ],
        routes: [{ questionKey: 'visit-frequency', optionValue: 'never', targetPageKey: 'what-would-help' }],
      },
      {
        key: 'the-parks-you-use',
        title: 'The parks you use',
        questions: [
          {
            key: 'main-park',
            type: 'dropdown',
            title: 'Which park do you visit most?',
            required: true,
            options: PARKS,
            settings: { allowOther: true, otherLabel: 'Another park', errorName: 'the park you visit most' },
          },
          {
            key: 'parks-visited',
            type: 'multiple_choice',
            title: 'Which other parks have you visited in the last year?',
            required: false,
            options: PARKS,
            settings: {
              maxPicks: 3,
              allowOther: true,
              otherLabel: 'Another park',
              errorName: 'the other parks you have visited',
            },
          },
          {
            key: 'last-visit',
            type: 'date',
            title: 'When did you last visit a park?',
            required: false,
            settings: { errorName: 'the date of your last visit' },
          },
          {
            key: 'visit-minutes',
            type: 'number',
            title: 'How many minutes do you usually stay?',
            required: false,
            settings: { min: 1, max: 1440, errorName: 'how many minutes you usually stay' },
          },
        ],
      },
      {
        key: 'facilities',
        title: 'Facilities',
        questions: [
          {
            key: 'facilities',
            type: 'matrix',
            title: 'How much do you agree with these statements about the park you visit most?',
            required: true,
            options: [...AGREEMENT_SCALE],
            statements: [
              { key: 'play-areas', label: 'Play areas are well kept' },
              { key: 'toilets', label: 'Toilets are clean' },
              { key: 'paths', label: 'Paths are safe to use' },
            ],
          },
          {
            key: 'feel-safe',
            type: 'agreement',
            title: 'To what extent do you agree that you feel safe in Leicester’s parks?',
            required: true,
            options: [...AGREEMENT_SCALE],
            settings: { errorName: 'you feel safe in Leicester’s parks' },
          },
        ],
      },
      {
        key: 'what-would-help',
        title: 'What would help',
        questions: [
          {
            key: 'encourage',
            type: 'long_text',
            title: 'What would encourage you to visit parks more often?',
            required: true,
            settings: { maxLength: 1000, errorName: 'what would encourage you to visit parks more often' },
          },
          {
            key: 'favourite',
            type: 'short_text',
            title: 'What is your favourite thing about Leicester’s parks?',
            required: false,
            settings: { maxLength: 100, errorName: 'your favourite thing about Leicester’s parks' },
          },
          {
            key: 'updates',
            type: 'single_choice',
            title: 'Would you like us to email you about the results of this consultation?',
            required: true,
            options: [
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ],
            settings: { errorName: 'whether you would like updates' },
          },
        ],
        routes: [{ questionKey: 'updates', optionValue: 'no', targetPageKey: null }],
      },
      {
        key: 'contact-details',
        title: 'Your contact details',
        questions: [
          {
            key: 'email',
            type: 'email',
            title: 'Email address',
            hint: 'We will only use this to tell you about the results.',
            required: true,
            personalData: true,
            settings: { errorName: 'your email address' },
          },
          {
            key: 'postcode',
            type: 'postcode',
            title: 'Postcode',
            hint: 'This helps us see which areas responses come from.',
            required: false,
            personalData: true,
            settings: { errorName: 'your postcode' },
          },
        ],
      },
      { ...aboutYou, questions: [...aboutYou.questions, consentQuestion()] },
    ],
  }
}
