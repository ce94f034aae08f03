import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCalendarDate, parseFinderQuery } from '../../src/consultations/finder-schema'

describe('parseCalendarDate', () => {
  for (const [text, expected] of [
    ['2023-06-05', '2023-06-05'],
    ['2023-6-5', '2023-06-05'],
    ['5/6/2023', '2023-06-05'],
    ['05 06 2023', '2023-06-05'],
    ['29/2/2024', '2024-02-29'],
    ['2023-02-30', null],
    ['29/2/2023', null],
    ['2023-13-01', null],
    ['0000-01-01', null],
    ['5/6/23', null],
    ['tomorrow', null],
  ] as const) {
    it(`reads "${text}" as ${expected}`, () => assert.equal(parseCalendarDate(text), expected))
  }
})

describe('parseFinderQuery', () => {
  it('reads repeated filters as lists, without repeats', () => {
    const { query, problems } = parseFinderQuery({ ward: ['abbey', 'castle', 'abbey'], status: 'open', topic: '' })
    assert.deepEqual(problems, [])
    assert.deepEqual(query.ward, ['abbey', 'castle'])
    assert.deepEqual(query.status, ['open'])
    assert.deepEqual(query.topic, [])
  })

  it('leaves out each bad parameter, naming it, and keeps the good ones', () => {
    const { query, problems } = parseFinderQuery({
      status: ['open', 'x'],
      page: '-1',
      opens_from: '2023-02-30',
      ward: 'abbey',
      q: ' parks\u0000 ',
    })
    assert.deepEqual(problems.map((problem) => problem.field).sort(), ['opens_from', 'page', 'status'])
    assert.deepEqual(query.status, [])
    assert.equal(query.page, undefined)
    assert.equal(query.opens_from, undefined)
    assert.deepEqual(query.ward, ['abbey'])
    assert.equal(query.q, 'parks')
  })

  it('takes the first of a repeated single-valued parameter', () => {
    assert.equal(parseFinderQuery({ page: ['2', '3'] }).query.page, 2)
  })

  it('bounds the page size', () => {
    assert.equal(parseFinderQuery({ pageSize: '100' }).query.pageSize, 100)
    assert.deepEqual(
      parseFinderQuery({ pageSize: '101' }).problems.map((problem) => problem.field),
      ['pageSize'],
    )
  })
})
