import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createConsultationRepository } from '../../src/consultations/repository'
import { newResponseReference, REFERENCE_PATTERN } from '../../src/responses/reference'
import { createResponseRepository } from '../../src/responses/repository'
import { createSurveyRepository } from '../../src/surveys/repository'
import { AGREEMENT_SCALE, type NewSurvey } from '../../src/surveys/types'
import { useTestApp } from '../support/app'

const context = useTestApp()

const twoPageSurvey: NewSurvey = {
  introMarkdown: 'Tell us what you think.',
  estimatedMinutes: 5,
  aboutYouEnabled: false,
  pages: [
    {
      key: 'your-views',
      title: 'Your views',
      questions: [
        {
          key: 'use-parks',
          type: 'single_choice',
          title: 'Do you use parks?',
          required: true,
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
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
      ],
      routes: [{ questionKey: 'use-parks', optionValue: 'no', targetPageKey: null }],
    },
    {
      key: 'more',
      title: 'More',
      questions: [
        { key: 'comments', type: 'long_text', title: 'Any comments?', required: false, settings: { maxLength: 500 } },
      ],
    },
  ],
}

async function sampleConsultationId(): Promise<number> {
  const consultation = await createConsultationRepository(context.db).findPublishedBySlug(
    'sample-consultation-parks-and-green-spaces',
    new Date(),
  )
  return consultation!.id
}

describe('survey definitions', () => {
  it('round-trips pages, questions, options, statements and routes in order', async () => {
    const consultationId = await sampleConsultationId()
    const surveys = createSurveyRepository(context.db)
    await context.db('surveys').where({ consultation_id: consultationId }).delete()
    await context.db.transaction((trx) => surveys.insert(trx, consultationId, twoPageSurvey))
    const survey = await surveys.findByConsultationId(consultationId)
    assert.ok(survey)
    assert.deepEqual(
      survey.pages.map((page) => page.key),
      ['your-views', 'more'],
    )
    const [useParks, facilities] = survey.pages[0]!.questions
    assert.deepEqual(
      useParks!.options.map((option) => option.label),
      ['Yes', 'No'],
    )
    assert.deepEqual(
      facilities!.statements.map((statement) => statement.key),
      ['toilets', 'paths'],
    )
    assert.equal(facilities!.options.length, 6)
    assert.deepEqual(survey.pages[0]!.routes, [{ questionKey: 'use-parks', optionValue: 'no', targetPageKey: null }])
    assert.deepEqual(survey.pages[1]!.questions[0]!.settings, { maxLength: 500 })
  })
})

describe('responses', () => {
  it('stores a response once per submission key', async () => {
    const consultationId = await sampleConsultationId()
    const survey = (await createSurveyRepository(context.db).findByConsultationId(consultationId))!
    const questionId = survey.pages[0]!.questions[0]!.id
    const responses = createResponseRepository(context.db)
    const before = await responses.countForConsultation(consultationId)
    const submit = (reference: string) =>
      context.db.transaction((trx) =>
        responses.insert(trx, {
          consultationId,
          surveyId: survey.id,
          reference,
          channel: 'online',
          submissionKey: 'key-1',
          answers: [{ questionId, optionValue: 'yes' }],
        }),
      )
    const first = await submit(newResponseReference())
    const second = await submit(newResponseReference())
    assert.equal(first.duplicate, false)
    assert.equal(second.duplicate, true)
    assert.equal(second.reference, first.reference)
    assert.equal(await responses.countForConsultation(consultationId), before + 1)
  })

  it('makes references of ANON- and eight unambiguous characters', () => {
    const references = new Set(Array.from({ length: 1000 }, newResponseReference))
    assert.equal(references.size, 1000)
    for (const reference of references) assert.match(reference, REFERENCE_PATTERN)
  })
})
