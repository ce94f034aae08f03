import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ContentFreshness } from '../../src/page-cache/freshness'
import { createKeptReads, keptWith } from '../../src/page-cache/kept-reads'

/** Content that stays at one version, with no clock boundary ahead. */
const unchanging: ContentFreshness = {
  now: () => Date.now(),
  version: () => Promise.resolve('1'),
  from: (version: string, at: number) =>
    Promise.resolve({ version, renderedAt: at, expiresAt: Number.POSITIVE_INFINITY }),
}

describe('what is worked out from a kept read', () => {
  const keptRead = async () => {
    const kept = createKeptReads<{ id: number }>(unchanging, 10)
    const first = await kept('a', () => Promise.resolve({ id: 7 }))
    const again = await kept('a', () => Promise.resolve({ id: 8 }))
    assert.ok(first)
    assert.equal(again, first, 'the read is kept')
    return first
  }

  it('is worked out once for a kept value, and every time for any other', async () => {
    let workings = 0
    const doubled = keptWith((value: { id: number }) => {
      workings++
      return value.id * 2
    })
    const kept = await keptRead()
    assert.deepEqual([doubled(kept), doubled(kept)], [14, 14])
    assert.equal(workings, 1)
    const fresh = { id: 5 }
    assert.deepEqual([doubled(fresh), doubled(fresh)], [10, 10])
    assert.equal(workings, 3)
  })

  it('is worked out again after a promise that failed', async () => {
    let workings = 0
    const lookedUp = keptWith((value: { id: number }) =>
      ++workings === 1 ? Promise.reject(new Error('database down')) : Promise.resolve(`found ${value.id}`),
    )
    const kept = await keptRead()
    await assert.rejects(lookedUp(kept), /database down/)
    assert.equal(await lookedUp(kept), 'found 7')
    assert.equal(await lookedUp(kept), 'found 7')
    assert.equal(workings, 2)
  })
})
