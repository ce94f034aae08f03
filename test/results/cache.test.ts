import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createServices } from '../../src/services'
import type { ConsultationSurvey } from '../../src/results/service'
import { useTestApp } from '../support/app'
import { bulkInsertResponses, createSurveyFixture, type SurveyFixture } from '../support/survey-fixtures'

const context = useTestApp()

describe('the results cache', () => {
  let fixture: SurveyFixture
  let target: ConsultationSurvey
  const results = () => createServices(context.db).resultsService
  const planAgree = async () => {
    const result = await results().questionResult(target, 'plan', {})
    return result?.figures.kind === 'choice'
      ? [result.respondents, result.figures.options.find((option) => option.value === 'agree')!.count]
      : null
  }

  before(async () => {
    fixture = await createSurveyFixture(context.db, {
      slug: 'fixture-results-cache',
      responses: [{ answers: { plan: 'agree', comments: 'First' } }, { answers: { plan: 'disagree' } }],
    })
    target = (await results().findSurvey('fixture-results-cache'))!
  })

  it('keeps the figures it computed in the database, for every instance to share', async () => {
    assert.deepEqual(await planAgree(), [2, 1])
    const kept = await context
      .db('results_cache')
      .where({ consultation_id: fixture.consultationId })
      .count<{ count: string }[]>('* as count')
    assert.ok(Number(kept[0]!.count) >= 2, 'the respondents and the option counts are kept')
    assert.deepEqual(await planAgree(), [2, 1])
  })

  it('answers a repeat view from what it kept, without counting the answers again', async () => {
    assert.deepEqual(await planAgree(), [2, 1])
    // Change the kept respondents figure: a repeat view that shows it was read from results_cache.
    const kept = await context
      .db('results_cache')
      .where({ consultation_id: fixture.consultationId })
      .whereLike('cache_key', '["countRespondents"%')
      .update({ value: JSON.stringify(99) })
    assert.equal(kept, 1)
    assert.deepEqual(await planAgree(), [99, 1])
    await context.db('results_cache').where({ consultation_id: fixture.consultationId }).delete()
    assert.deepEqual(await planAgree(), [2, 1])
  })

  it('counts a new response on the next view, and forgets a deleted one', async () => {
    assert.deepEqual(await planAgree(), [2, 1])
    await bulkInsertResponses(context.db, fixture, { count: 3, questionKey: 'comments', text: 'Later' })
    assert.deepEqual(await planAgree(), [5, 1])
    await context.db('responses').where({ reference: fixture.references[0] }).delete()
    assert.deepEqual(await planAgree(), [4, 0])
    const stamps = await context
      .db('results_cache')
      .where({ consultation_id: fixture.consultationId })
      .distinct('responses_stamp')
    assert.equal(stamps.length, 1, 'figures of earlier sets of responses are dropped')
  })
})
