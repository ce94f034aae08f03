import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { withNewReference } from '../../src/responses/reference'
import { useTestApp } from '../support/app'

const context = useTestApp()

/** Stores a bare response to the sample survey under `reference`, as a submission's transaction does. */
async function storeResponse(reference: string): Promise<string> {
  const survey = await context.db('surveys').first<{ id: number; consultation_id: number }>('id', 'consultation_id')
  return context.db.transaction(async (trx) => {
    await trx('responses').insert({ consultation_id: survey.consultation_id, survey_id: survey.id, reference })
    return reference
  })
}

describe('a new response reference', () => {
  it('is tried again, in a new transaction, when a stored response already has it', async () => {
    await storeResponse('ANON-TAKEN234')
    const offered = ['ANON-TAKEN234', 'ANON-FRESH234']
    const stored = await withNewReference(storeResponse, () => offered.shift()!)
    assert.equal(stored, 'ANON-FRESH234')
    assert.deepEqual(offered, [], 'the taken one was offered first')
    const references = await context.db('responses').whereLike('reference', 'ANON-%234').orderBy('reference')
    assert.deepEqual(
      references.map((row: { reference: string }) => row.reference),
      ['ANON-FRESH234', 'ANON-TAKEN234'],
    )
  })

  it('gives up after five collisions, and passes any other failure on at once', async () => {
    let tries = 0
    const taken = () => (tries++, 'ANON-TAKEN234')
    await assert.rejects(withNewReference(storeResponse, taken), { code: '23505' })
    assert.equal(tries, 5)
    tries = 0
    await assert.rejects(
      withNewReference(() => Promise.reject(new Error('database unavailable')), taken),
      /database unavailable/,
    )
    assert.equal(tries, 1)
  })
})
