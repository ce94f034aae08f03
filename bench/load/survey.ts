import type { NewConsultation } from '../../src/consultations/types'
import { present } from '../../src/shared/present'
import { AGREEMENT_SCALE, type NewSurvey } from '../../src/surveys/types'

export const LOAD_SLUG = 'bench-load'

const DAY_MS = 24 * 60 * 60 * 1000

/** An open consultation of the bench's own: the seeded open survey has six pages, the journey wants three. */
export function loadConsultation(now: Date): NewConsultation {
  const opensAt = new Date(now.getTime() - DAY_MS)
  return {
    slug: LOAD_SLUG,
    title: 'Load test consultation',
    summary: 'Three pages of questions, answered by many residents at once.',
    opensAt,
    closesAt: new Date(now.getTime() + 7 * DAY_MS),
    publishedAt: opensAt,
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [], audiences: [], topics: [] },
    feedback: null,
  }
}

const AREAS = [
  { value: 'north', label: 'North' },
  { value: 'south', label: 'South' },
  { value: 'east', label: 'East' },
  { value: 'west', label: 'West' },
]

/** Residents' answers go round the options. */
const pick = <T>(options: readonly T[], index: number): T => present(options[index % options.length], 'An option')

export const loadSurvey: NewSurvey = {
  introMarkdown: 'Tell us about your neighbourhood.',
  estimatedMinutes: 3,
  aboutYouEnabled: false,
  pages: [
    {
      key: 'your-area',
      title: 'Your area',
      questions: [
        {
          key: 'area',
          type: 'single_choice',
          title: 'Which part of the city do you live in?',
          required: true,
          options: AREAS,
        },
      ],
    },
    {
      key: 'your-views',
      title: 'Your views',
      questions: [
        {
          key: 'plan',
          type: 'agreement',
          title: 'Do you agree with the plan?',
          required: true,
          options: [...AGREEMENT_SCALE],
        },
        {
          key: 'priorities',
          type: 'multiple_choice',
          title: 'What matters most?',
          required: false,
          options: [
            { value: 'parks', label: 'Parks' },
            { value: 'roads', label: 'Roads' },
            { value: 'libraries', label: 'Libraries' },
          ],
        },
      ],
    },
    {
      key: 'anything-else',
      title: 'Anything else',
      questions: [
        { key: 'visits', type: 'number', title: 'How many times a month do you go out locally?', required: false },
        { key: 'comments', type: 'long_text', title: 'Anything else to tell us?', required: false },
      ],
    },
  ],
}

/** What resident `index` answers on each page, as form fields. */
export function answersOf(index: number): Record<string, Record<string, string | string[]>> {
  return {
    'your-area': { area: pick(AREAS, index).value },
    'your-views': { plan: pick(AGREEMENT_SCALE, index).value, priorities: ['parks', 'roads'] },
    'anything-else': { visits: String(index % 30), comments: `Resident ${index} says: more benches, please.` },
  }
}
