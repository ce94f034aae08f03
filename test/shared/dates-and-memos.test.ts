import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatLondonDate, formatLondonDateTime } from '../../src/shared/dates'
import { memoiseText } from '../../src/shared/memoise'

describe('London dates as pages show them', () => {
  it('reads an instant in London time, in winter and in summer', () => {
    assert.equal(formatLondonDateTime(new Date('2014-12-29T23:59:00Z')), '29 December 2014 at 11:59pm')
    assert.equal(formatLondonDateTime(new Date('2023-07-02T22:59:00Z')), '2 July 2023 at 11:59pm')
    assert.equal(formatLondonDate(new Date('2023-07-02T23:30:00Z')), '3 July 2023')
  })

  it('writes midnight and noon on the 12-hour clock', () => {
    assert.equal(formatLondonDateTime(new Date('2026-11-26T00:00:00Z')), '26 November 2026 at 12:00am')
    assert.equal(formatLondonDateTime(new Date('2027-03-28T11:05:00Z')), '28 March 2027 at 12:05pm')
  })
})

describe('memoiseText', () => {
  it('computes each text once while it is among the most recent, and again once forgotten', () => {
    const computed: string[] = []
    const shout = memoiseText((text) => {
      computed.push(text)
      return text.toUpperCase()
    }, 2)
    assert.deepEqual(['a', 'b', 'a', 'c', 'a', 'b'].map(shout), ['A', 'B', 'A', 'C', 'A', 'B'])
    // "b" was the least recently used when "c" came, so it was computed again; "a" never was.
    assert.deepEqual(computed, ['a', 'b', 'c', 'b'])
  })
})
