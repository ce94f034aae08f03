import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createServices } from '../../src/services'
import type { QuestionResult } from '../../src/results/types'
import { useTestApp } from '../support/app'

const context = useTestApp()

/** The figures the council published in 2014, which the seeded answers must reproduce. */
const PUBLISHED = [
  { key: 'prison-services', agree: 72, disagree: null },
  { key: 'llr-service', agree: 49, disagree: 37 },
  { key: 'one-service', agree: 42, disagree: 52 },
]

const agreementOf = (result: QuestionResult) => (result.figures.kind === 'choice' ? result.figures.agreement : null)

describe('the seeded 2014 substance misuse consultation', () => {
  it('gives the published figures from its stored answers', async (t) => {
    const { resultsService } = createServices(context.db)
    const target = await resultsService.findSurvey('substance-misuse-services')
    if (!target) {
      t.skip('the 2014 survey and its answers are seeded by the surveys branch')
      return
    }
    const results = await resultsService.allResults(target, {})
    assert.equal(results[0]!.respondents, 115)
    for (const { key, agree, disagree } of PUBLISHED) {
      const result = results.find((candidate) => candidate.question.key === key && agreementOf(candidate))
      assert.ok(result, `an agreement question ${key}`)
      const agreement = agreementOf(result)!
      assert.equal(Math.round(agreement.agree.ofRespondents), agree, `agree on ${result.question.title}`)
      if (disagree !== null)
        assert.equal(Math.round(agreement.disagree.ofRespondents), disagree, `disagree on ${result.question.title}`)
    }
    const youngAdults = results.find((candidate) => candidate.question.key === 'young-adults-service')!
    assert.ok(agreementOf(youngAdults)!.agree.ofRespondents > 50, 'overall agreement with an 18-24 service')
  })
})
