import type { Knex } from 'knex'
import type { NewSurvey } from '../../src/surveys/types'
import {
  createSurveyFixture,
  everyKindSurvey,
  type FixtureResponse,
  type SurveyFixture,
} from '../support/survey-fixtures'

const [views, aboutYou] = everyKindSurvey.pages

/** The test survey with an organisation question on its About you page. */
export const surveyWithOrganisation: NewSurvey = {
  ...everyKindSurvey,
  pages: [
    views!,
    {
      ...aboutYou!,
      questions: [
        ...aboutYou!.questions,
        {
          key: 'organisation',
          type: 'short_text',
          title: 'Which organisation?',
          required: false,
          settings: { standard: 'organisation' },
        },
      ],
    },
  ],
}

export const PERSONAL_WORDS = ['resident.one@example.org', 'Friends of Abbey Park', 'resident.two@example.org']

export const PURGE_RESPONSES: FixtureResponse[] = [
  {
    answers: {
      'use-parks': 'yes',
      'visit-for': ['walk', 'play'],
      facilities: { toilets: 'agree', paths: 'disagree' },
      comments: 'More benches please',
      email: 'resident.one@example.org',
      ward: 'castle',
      'age-band': 'under-35',
      organisation: 'Friends of Abbey Park',
    },
  },
  {
    answers: {
      'use-parks': 'no',
      area: 'north',
      plan: 'agree',
      email: 'resident.two@example.org',
      ward: 'abbey',
    },
  },
  { answers: { 'use-parks': { other: 'Sometimes' }, 'age-band': '35-plus', visits: 3 } },
]

/** A closed consultation (closed 1 March 2024) with the survey above and the three responses. */
export const createPrivacyFixture = (db: Knex, slug: string): Promise<SurveyFixture> =>
  createSurveyFixture(db, { slug, responses: PURGE_RESPONSES, survey: surveyWithOrganisation })
