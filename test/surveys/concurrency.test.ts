import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from '../support/html'
import { useTestApp } from '../support/app'
import { SAMPLE_SLUG, SURVEY, answerPages, csrfTokenOf, fullPath, newAgent } from './journey-helpers'

const context = useTestApp()
const onPostgres = Boolean(process.env.TEST_DATABASE_URL)
const skip = onPostgres
  ? false
  : 'PGlite runs one transaction at a time, so parallel submissions prove nothing there: run with TEST_DATABASE_URL'
if (skip) console.log(`Skipping the concurrency test: ${skip}`)

describe('parallel submissions', { skip }, () => {
  it('stores exactly one response when the same final POST arrives 20 times at once', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath())
    const check = await agent.get(`${SURVEY}/check`)
    const form = {
      _csrf: csrfTokenOf(check.text),
      submissionKey: String(parse(check.text)('input[name="submissionKey"]').val()),
    }
    const results = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`${SURVEY}/check`).type('form').send(form)),
    )
    assert.deepEqual([...new Set(results.map((result) => result.status))], [303])
    const rows = await context
      .db('responses')
      .join('consultations', 'consultations.id', 'responses.consultation_id')
      .where({ 'consultations.slug': SAMPLE_SLUG, 'responses.submission_key': form.submissionKey })
      .select('responses.id')
    assert.equal(rows.length, 1)
    const answers = await context
      .db('response_answers')
      .where({ response_id: rows[0]!.id })
      .count<{ count: string | number }[]>({ count: '*' })
      .first()
    assert.equal(Number(answers!.count), 19, 'the one response holds every answer once')
  })
})
