import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { batched, batchedReads, sharedReads } from '../../src/shared/batched'

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

/** A keyed read answered by hand, recording the keys of each read started. */
function handBatches() {
  const pending: ((found: Record<string, string>) => void)[] = []
  const batches: string[][] = []
  const readMany = (keys: string[]) => {
    batches.push(keys)
    return new Promise<Map<string, string>>((resolve) =>
      pending.push((found) => resolve(new Map(keys.flatMap((key) => (key in found ? [[key, found[key]!]] : []))))),
    )
  }
  return { readMany, batches, answer: (found: Record<string, string>) => pending.shift()!(found) }
}

describe('batched reads of sessions', () => {
  it('reads every key asked for during a read in one read, and gives each request its own value', async () => {
    const reads = handBatches()
    const find = batchedReads(reads.readMany)
    const first = find('a')
    const waiting = [find('b'), find('c'), find('b'), find('gone')]
    assert.deepEqual(reads.batches, [['a']], 'the later requests wait for the running read')
    reads.answer({ a: 'A' })
    assert.equal(await first, 'A')
    await settle()
    assert.deepEqual(reads.batches[1], ['b', 'c', 'gone'], 'one read for all of them, each key once')
    reads.answer({ b: 'B', c: 'C' })
    assert.deepEqual(await Promise.all(waiting), ['B', 'C', 'B', undefined])
  })
})

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

describe('batched writes of sessions', () => {
  it('writes what is given during a write in one write after it, the later of two under one key', async () => {
    const written: Map<string, number>[] = []
    const pending: (() => void)[] = []
    const write = batched(async (items: Map<string, number>) => {
      written.push(new Map(items))
      await new Promise<void>((resolve) => pending.push(resolve))
      return new Map<string, never>()
    })
    const first = write('a', 1)
    const waiting = [write('a', 2), write('b', 1), write('a', 3)]
    assert.deepEqual(written, [new Map([['a', 1]])], 'the later writes wait for the running one')
    pending.shift()!()
    await first
    await settle()
    assert.deepEqual(
      written[1],
      new Map([
        ['a', 3],
        ['b', 1],
      ]),
      'one write after it, with the latest under each key',
    )
    pending.shift()!()
    await Promise.all(waiting)
  })
})
