import { REFERENCE_ALPHABET } from '../../src/responses/reference'
import type { NewResponse } from '../../src/responses/types'
import { AGREEMENT_SCALE, type NewSurvey, type Survey } from '../../src/surveys/types'
import { present } from '../../src/shared/present'

/** An agreement question; `errorName` completes "Select whether you agree that …". */
const agreement = (key: string, statement: string, errorName: string) => ({
  key,
  type: 'agreement' as const,
  title: `To what extent do you agree with ${statement}?`,
  required: false,
  options: [...AGREEMENT_SCALE],
  settings: { errorName },
})
const openQuestion = (key: string, title: string) => ({
  key,
  type: 'long_text' as const,
  title,
  required: false,
  settings: { maxLength: 5000 },
})

/** The 2014 questionnaire, rebuilt from the six areas on the consultation page. */
export const substanceMisuseSurvey2014: NewSurvey = {
  introMarkdown:
    'We would like your views on how substance misuse services in Leicester are organised, and on some specific ' +
    'areas of need.',
  estimatedMinutes: 10,
  aboutYouEnabled: false,
  pages: [
    {
      key: 'how-services-are-organised',
      title: 'How services are organised',
      questions: [
        agreement(
          'one-service',
          'having one service in Leicester, under one contract',
          'there should be one service in Leicester, under one contract',
        ),
        agreement(
          'llr-service',
          'organising all services across Leicester, Leicestershire and Rutland as one service',
          'services across Leicester, Leicestershire and Rutland should be one service',
        ),
        agreement(
          'prison-services',
          'keeping services in HMP Leicester as part of the overall service',
          'services in HMP Leicester should stay part of the overall service',
        ),
      ],
    },
    {
      key: 'specific-areas-of-need',
      title: 'Specific areas of need',
      questions: [
        agreement(
          'young-adults-service',
          'having a designated young adults (18 to 24) service as part of an adult service',
          'there should be a young adults (18 to 24) service',
        ),
        openQuestion('new-drugs', 'How should services respond to new and emerging drugs, such as ‘legal highs’?'),
        openQuestion('diverse-population', 'How can services best meet the needs of Leicester’s diverse population?'),
      ],
    },
    {
      key: 'any-other-comments',
      title: 'Any other comments',
      questions: [
        openQuestion(
          'other-comments',
          'Do you have any other comments on how substance misuse services are organised?',
        ),
      ],
    },
  ],
}

type Scale = (typeof AGREEMENT_SCALE)[number]['value']
type Tally = Record<Scale, number>

/**
 * How the 115 respondents answered, chosen so that the published figures (percentages of all 115,
 * rounded) follow from the stored answers: prison 83 agree (72%); one LLR service 56 for (49%) and
 * 43 against (37%); one service in Leicester 48 for (42%) and 60 against (52%); 18 to 24 service 68 for (59%).
 */
export const TALLIES_2014: Record<string, Tally> = {
  'prison-services': { strongly_agree: 41, agree: 42, neither: 14, disagree: 9, strongly_disagree: 6, dont_know: 3 },
  'llr-service': { strongly_agree: 24, agree: 32, neither: 11, disagree: 25, strongly_disagree: 18, dont_know: 5 },
  'one-service': { strongly_agree: 20, agree: 28, neither: 5, disagree: 33, strongly_disagree: 27, dont_know: 2 },
  'young-adults-service': {
    strongly_agree: 30,
    agree: 38,
    neither: 15,
    disagree: 14,
    strongly_disagree: 10,
    dont_know: 8,
  },
}
export const RESPONDENTS_2014 = 115

const COMMENTS: Record<string, string[]> = {
  'new-drugs': [
    'Staff need regular training on new psychoactive substances so they can give up-to-date advice.',
    'Work with head shops and trading standards, and get information to young people through schools and youth clubs.',
    'Outreach in the city centre at night would reach people who use legal highs and never come to a service.',
    'Services should treat NPS users the same as other drug users rather than waiting for a separate service.',
  ],
  'diverse-population': [
    'Workers who speak community languages, and information in those languages, would help people come forward.',
    'Work with mosques, temples and gurdwaras: stigma stops many families asking for help.',
    'Women-only sessions and childcare would make services easier to use for mothers.',
    'Eastern European communities have high alcohol use and need targeted support.',
  ],
  'other-comments': [
    'Please keep the services local and easy to get to by bus.',
    'Recovery needs housing and work support, not only treatment.',
    'Involve people who use the services in designing the new model.',
  ],
}

/** A small seeded generator (mulberry32), so the sample responses are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy
}

/** The 115 sample responses to the stored 2014 survey, marked as seeded samples. */
export function substanceMisuseResponses2014(survey: Survey, opensAt: Date, closesAt: Date): NewResponse[] {
  const random = seededRandom(2014)
  const questionId = new Map(
    survey.pages.flatMap((page) => page.questions.map((question) => [question.key, question.id] as const)),
  )
  const answersByQuestion = Object.fromEntries(
    Object.entries(TALLIES_2014).map(([key, tally]) => {
      const values = Object.entries(tally).flatMap(([value, count]) => Array<string>(count).fill(value))
      if (values.length !== RESPONDENTS_2014)
        throw new Error(`The ${key} tally covers ${values.length} respondents, not ${RESPONDENTS_2014}`)
      return [key, shuffled(values, random)]
    }),
  )
  const commenters = Object.fromEntries(
    Object.entries(COMMENTS).map(([key, comments]) => [
      key,
      new Map(
        shuffled([...Array(RESPONDENTS_2014).keys()], random)
          .slice(0, comments.length)
          .map((index, n) => [index, present(comments[n], `${key} comment ${n}`)]),
      ),
    ]),
  )
  const span = closesAt.getTime() - opensAt.getTime()
  const referenceCharacter = () => REFERENCE_ALPHABET.charAt(Math.floor(random() * REFERENCE_ALPHABET.length))
  return Array.from({ length: RESPONDENTS_2014 }, (_, index) => ({
    consultationId: survey.consultationId,
    surveyId: survey.id,
    reference: `ANON-${Array.from({ length: 8 }, referenceCharacter).join('')}`,
    channel: 'online' as const,
    submittedAt: new Date(opensAt.getTime() + Math.floor(((index + random()) / RESPONDENTS_2014) * span)),
    isSample: true,
    answers: [
      ...Object.keys(TALLIES_2014).map((key) => ({
        questionId: present(questionId.get(key), `The 2014 survey's ${key} question`),
        optionValue: present(answersByQuestion[key]?.[index], `Respondent ${index}'s ${key} answer`),
      })),
      ...Object.keys(COMMENTS).flatMap((key) => {
        const comment = commenters[key]?.get(index)
        return comment
          ? [{ questionId: present(questionId.get(key), `The 2014 survey's ${key} question`), textValue: comment }]
          : []
      }),
    ],
  }))
}
