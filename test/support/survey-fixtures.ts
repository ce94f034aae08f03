import type { Knex } from 'knex'
import { newResponseReference } from '../../src/responses/reference'
import { createResponseRepository } from '../../src/responses/repository'
import type { AnswerValue, ResponseChannel } from '../../src/responses/types'
import { createServices } from '../../src/services'
import { createSurveyRepository } from '../../src/surveys/repository'
import { AGREEMENT_SCALE, type NewSurvey, OTHER_OPTION_VALUE, type Survey } from '../../src/surveys/types'

/** A survey with one question of every kind, and an About you page. */
export const everyKindSurvey: NewSurvey = {
  introMarkdown: 'Tell us about the parks.',
  estimatedMinutes: 5,
  aboutYouEnabled: true,
  pages: [
    {
      key: 'views',
      title: 'Your views',
      questions: [
        {
          key: 'use-parks',
          type: 'single_choice',
          title: 'Do you use the parks?',
          required: true,
          settings: { allowOther: true, otherLabel: 'Other' },
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
        },
        {
          key: 'visit-for',
          type: 'multiple_choice',
          title: 'What do you visit for?',
          required: false,
          settings: { allowOther: true, otherLabel: 'Something else' },
          options: [
            { value: 'walk', label: 'Walking' },
            { value: 'play', label: 'Play, with children' },
            { value: 'sport', label: 'Sport' },
          ],
        },
        {
          key: 'area',
          type: 'dropdown',
          title: 'Which area do you live in?',
          required: false,
          options: [
            { value: 'north', label: 'North' },
            { value: 'south', label: 'South' },
          ],
        },
        {
          key: 'plan',
          type: 'agreement',
          title: 'Do you agree with the plan?',
          required: false,
          options: [...AGREEMENT_SCALE],
        },
        {
          key: 'facilities',
          type: 'matrix',
          title: 'Rate the facilities',
          required: false,
          options: [...AGREEMENT_SCALE],
          statements: [
            { key: 'toilets', label: 'Toilets are clean' },
            { key: 'paths', label: 'Paths are safe' },
          ],
        },
        { key: 'visits', type: 'number', title: 'How many visits a month?', required: false },
        { key: 'last-visit', type: 'date', title: 'When did you last visit?', required: false },
        { key: 'comments', type: 'long_text', title: 'Any comments?', required: false, settings: { maxLength: 2000 } },
        { key: 'email', type: 'email', title: 'Your email', required: false, personalData: true },
        {
          key: 'consent',
          type: 'consent',
          title: 'Can we contact you?',
          required: false,
          options: [{ value: 'yes', label: 'I agree' }],
        },
      ],
    },
    {
      key: 'about-you',
      title: 'About you',
      isAboutYou: true,
      questions: [
        {
          key: 'ward',
          type: 'single_choice',
          title: 'Which ward do you live in?',
          required: false,
          settings: { standard: 'ward' },
          options: [
            { value: 'castle', label: 'Castle' },
            { value: 'abbey', label: 'Abbey' },
          ],
        },
        {
          key: 'age-band',
          type: 'single_choice',
          title: 'How old are you?',
          required: false,
          settings: { standard: 'age_band' },
          options: [
            { value: 'under-35', label: 'Under 35' },
            { value: '35-plus', label: '35 or over' },
          ],
        },
      ],
    },
  ],
}

/**
 * One answer as a test writes it: an option value or text (by the question's type), several options, a matrix,
 * a number, or "Other" text.
 */
export type FixtureAnswer = string | number | string[] | { other: string; also?: string[] } | Record<string, string>

export interface FixtureResponse {
  channel?: ResponseChannel
  submittedAt?: Date
  reference?: string
  answers: Record<string, FixtureAnswer>
}

function toAnswerValues(survey: Survey, answers: Record<string, FixtureAnswer>): AnswerValue[] {
  const questions = survey.pages.flatMap((page) => page.questions)
  return Object.entries(answers).flatMap(([key, answer]): AnswerValue[] => {
    const question = questions.find((candidate) => candidate.key === key)
    if (!question) throw new Error(`No question ${key}`)
    const questionId = question.id
    if (typeof answer === 'number') return [{ questionId, numberValue: answer }]
    if (Array.isArray(answer)) return answer.map((optionValue) => ({ questionId, optionValue }))
    if (typeof answer === 'object' && question.type !== 'matrix') {
      const { other, also = [] } = answer as { other: string; also?: string[] }
      return [
        ...also.map((optionValue) => ({ questionId, optionValue })),
        { questionId, optionValue: OTHER_OPTION_VALUE, textValue: other },
      ]
    }
    if (typeof answer === 'object')
      return Object.entries(answer as Record<string, string>).map(([statementKey, optionValue]) => ({
        questionId,
        statementKey,
        optionValue,
      }))
    if (question.type === 'date') return [{ questionId, dateValue: answer }]
    if (question.options.length > 0) return [{ questionId, optionValue: answer }]
    return [{ questionId, textValue: answer }]
  })
}

export interface SurveyFixture {
  consultationId: number
  slug: string
  survey: Survey
  references: string[]
}

/** Creates (or replaces) a published, closed consultation with the survey and the given responses. */
export async function createSurveyFixture(
  db: Knex,
  {
    slug,
    responses,
    survey: definition = everyKindSurvey,
  }: { slug: string; responses: FixtureResponse[]; survey?: NewSurvey },
): Promise<SurveyFixture> {
  const consultationId = await createServices(db).consultationService.replaceConsultation({
    slug,
    title: `Fixture ${slug}`,
    summary: 'A consultation made by a test.',
    opensAt: new Date('2024-01-01T00:00:00Z'),
    closesAt: new Date('2024-03-01T00:00:00Z'),
    publishedAt: new Date('2023-12-01T00:00:00Z'),
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [], audiences: [], topics: [] },
    feedback: null,
  })
  const surveys = createSurveyRepository(db)
  await db.transaction((trx) => surveys.insert(trx, consultationId, definition))
  const survey = (await surveys.findByConsultationId(consultationId))!
  const references = await addResponses(db, survey, consultationId, responses)
  return { consultationId, slug, survey, references }
}

/** Stores responses to a survey, each in its own transaction as a submission is, and gives their references. */
export async function addResponses(
  db: Knex,
  survey: Survey,
  consultationId: number,
  responses: FixtureResponse[],
): Promise<string[]> {
  const repository = createResponseRepository(db)
  const references: string[] = []
  for (const [index, response] of responses.entries()) {
    const reference = response.reference ?? newResponseReference()
    references.push(reference)
    await db.transaction((trx) =>
      repository.insert(trx, {
        consultationId,
        surveyId: survey.id,
        reference,
        channel: response.channel ?? 'online',
        submittedAt: response.submittedAt ?? new Date(Date.UTC(2024, 0, 10, 12, index)),
        answers: toAnswerValues(survey, response.answers),
      }),
    )
  }
  return references
}

/** Adds `count` online responses in one SQL statement, each answering `questionKey` with `text`. */
export async function bulkInsertResponses(
  db: Knex,
  fixture: SurveyFixture,
  { count, questionKey, text }: { count: number; questionKey: string; text: string },
): Promise<void> {
  const questionId = fixture.survey.pages
    .flatMap((page) => page.questions)
    .find((question) => question.key === questionKey)!.id
  await db.raw(
    `insert into responses (consultation_id, survey_id, reference, channel, submitted_at)
     select ?, ?, 'BULK-' || ? || '-' || lpad(g::text, 7, '0'), 'online', now() from generate_series(1, ?) g`,
    [fixture.consultationId, fixture.survey.id, fixture.slug, count],
  )
  await db.raw(
    `insert into response_answers (response_id, question_id, text_value)
     select r.id, ?, ? from responses r where r.consultation_id = ? and r.reference like 'BULK-%'`,
    [questionId, text, fixture.consultationId],
  )
}
