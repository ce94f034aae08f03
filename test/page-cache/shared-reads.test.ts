import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sharedReads } from '../../src/page-cache/shared-reads'

/** A read whose answers the test gives by hand, in order, counting the reads started. */
function handReads() {
  const pending: { resolve: (value: number) => void; reject: (err: Error) => void }[] = []
  let started = 0
  const read = () => {
    started++
    return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }))
  }
  return {
    read,
    answer: (value: number) => pending.shift()!.resolve(value),
    fail: (err: Error) => pending.shift()!.reject(err),
    started: () => started,
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('shared reads of the content version', () => {
  it('gives a request that arrives during a read the next read, started after it arrived', async () => {
    const reads = handReads()
    const version = sharedReads(reads.read)
    const first = version()
    const [second, third] = [version(), version()]
    assert.equal(reads.started(), 1, 'the later requests wait, rather than reading again at once')
    reads.answer(1) // the version as it was when the first read began
    assert.equal(await first, 1)
    await settle()
    assert.equal(reads.started(), 2, 'one more read serves both of the requests that waited')
    reads.answer(2)
    assert.deepEqual(await Promise.all([second, third]), [2, 2])
  })

  it('reads afresh for a request that comes once no read is running', async () => {
    const reads = handReads()
    const version = sharedReads(reads.read)
    const first = version()
    reads.answer(1)
    await first
    const later = version()
    assert.equal(reads.started(), 2)
    reads.answer(5)
    assert.equal(await later, 5)
  })

  it('fails the requests waiting behind a failed read, rather than have them wait for one of their own', async () => {
    const reads = handReads()
    const version = sharedReads(reads.read)
    const first = version()
    const waiting = version()
    reads.fail(new Error('statement timeout'))
    await assert.rejects(first, /statement timeout/)
    await assert.rejects(waiting, /statement timeout/)
    assert.equal(reads.started(), 1, 'a database that does not answer is not asked again for them')
    const later = version()
    assert.equal(reads.started(), 2, 'the next request reads afresh')
    reads.answer(3)
    assert.equal(await later, 3)
  })
})
