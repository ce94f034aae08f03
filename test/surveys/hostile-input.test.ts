import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { fieldNamesOf } from '../../src/surveys/answers'
import { createSurveyRepository } from '../../src/surveys/repository'
import { useTestApp } from '../support/app'
import { SAMPLE_SLUG, SURVEY, answerPages, csrfTokenOf, fullPath, newAgent } from './journey-helpers'

const context = useTestApp()

/** Wrong types, huge strings, unknown options, unicode and control characters. */
const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '__other__',
    'strongly_agree',
    '\u0000',
    '\u202e',
    '<script>alert(1)</script>',
    "'; DROP TABLE responses; --",
    '1e309',
    '-0',
    'NaN',
    '{}',
    '[]',
  ),
  fc.integer().map(String),
  fc.constant('x'.repeat(150_000)),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
)

const countResponses = async () =>
  Number((await context.db('responses').count<{ count: string | number }[]>({ count: '*' }).first())!.count)

describe('hostile input to every survey page', () => {
  it('never gives a 5xx and stores no response', async () => {
    const consultation = await context.db('consultations').where({ slug: SAMPLE_SLUG }).first('id')
    const survey = (await createSurveyRepository(context.db).findByConsultationId(consultation.id))!
    const before = await countResponses()
    const agent = newAgent(context.app)
    const path = fullPath()
    for (const [index, [pageKey]] of path.entries()) {
      await answerPages(agent, path.slice(0, index))
      const page = survey.pages.find((candidate) => candidate.key === pageKey)!
      const names = [...page.questions.flatMap(fieldNamesOf), 'action', 'submissionKey', 'unknown']
      const token = csrfTokenOf((await agent.get(`${SURVEY}/${pageKey}`)).text)
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...names), hostileValue, { maxKeys: names.length }),
          async (fields) => {
            for (const target of [`${SURVEY}/${pageKey}`, `${SURVEY}/check`]) {
              const response = await agent
                .post(target)
                .type('form')
                .send({ ...fields, _csrf: token })
              assert.ok(response.status < 500, `${target} answered ${response.status}`)
            }
          },
        ),
        { numRuns: 25 },
      )
    }
    assert.equal(await countResponses(), before)
  })
})
