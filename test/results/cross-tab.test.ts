import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { ConsultationSurvey } from '../../src/results/service'
import type { CrossTab, CrossTabCell } from '../../src/results/types'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp()

const times = (count: number, answers: FixtureResponse['answers']): FixtureResponse[] =>
  Array.from({ length: count }, () => ({ answers }))

const RESPONSES = [
  ...times(6, { ward: 'castle', 'age-band': 'under-35', plan: 'agree', 'visit-for': ['walk', 'play'] }),
  ...times(2, { ward: 'castle', 'age-band': '35-plus', plan: 'disagree', 'visit-for': ['walk'] }),
  ...times(5, { ward: 'abbey', 'age-band': 'under-35', plan: 'agree', 'visit-for': ['walk', 'sport'] }),
  ...times(5, { ward: 'abbey', 'age-band': '35-plus', plan: 'disagree', 'visit-for': ['play'] }),
  ...times(3, { ward: 'castle' }),
]

const show = (cell: CrossTabCell) => (cell.suppressed ? 'fewer than 5' : `${cell.count} (${Math.round(cell.percent)}%)`)
const column = (table: CrossTab, value: string) => {
  const index = table.columns.findIndex((candidate) => candidate.value === value)
  return Object.fromEntries(table.rows.map((row) => [row.label, show(row.cells[index]!)]))
}

describe('cross-tabulation', () => {
  let target: ConsultationSurvey
  const service = () => createServices(context.db).resultsService
  const question = (key: string) => target.questions.find((numbered) => numbered.question.key === key)!.question

  before(async () => {
    await createSurveyFixture(context.db, { slug: 'fixture-cross-tab', responses: RESPONSES })
    target = (await service().findSurvey('fixture-cross-tab'))!
  })

  it('breaks a choice question down by ward, hiding cells of fewer than 5 respondents', async () => {
    const table = await service().crossTab(target, question('plan'), question('ward'), {})
    assert.deepEqual(column(table, 'abbey'), {
      'Strongly agree': 'fewer than 5',
      Agree: '5 (50%)',
      'Neither agree nor disagree': 'fewer than 5',
      Disagree: '5 (50%)',
      'Strongly disagree': 'fewer than 5',
      "Don't know": 'fewer than 5',
    })
    assert.equal(column(table, 'castle').Agree, '6 (75%)')
    assert.equal(column(table, 'castle').Disagree, 'fewer than 5')
    assert.equal(show(table.columns.find((candidate) => candidate.value === 'castle')!.base), '8 (100%)')
  })

  it('also hides the next smallest cell when only one would be hidden, so it cannot be worked out', async () => {
    const table = await service().crossTab(target, question('age-band'), question('ward'), {})
    assert.deepEqual(column(table, 'castle'), { 'Under 35': 'fewer than 5', '35 or over': 'fewer than 5' })
    assert.deepEqual(column(table, 'abbey'), { 'Under 35': '5 (50%)', '35 or over': '5 (50%)' })
  })

  it('hides a whole column whose base is fewer than 5', async () => {
    const table = await service().crossTab(target, question('ward'), question('plan'), {})
    const disagree = table.columns.find((candidate) => candidate.value === 'disagree')!
    assert.equal(show(disagree.base), '7 (100%)')
    const neither = table.columns.find((candidate) => candidate.value === 'neither')!
    assert.equal(show(neither.base), 'fewer than 5')
  })

  it('counts each respondent once in a base when the row question takes several answers', async () => {
    const table = await service().crossTab(target, question('visit-for'), question('ward'), {})
    assert.deepEqual(column(table, 'castle'), {
      Walking: '8 (100%)',
      'Play, with children': '6 (75%)',
      Sport: 'fewer than 5',
      'Something else': 'fewer than 5',
    })
    assert.equal(show(table.columns.find((candidate) => candidate.value === 'castle')!.base), '8 (100%)')
    assert.equal(show(table.columns.find((candidate) => candidate.value === 'abbey')!.base), '10 (100%)')
  })

  it('breaks a question down by one that takes several answers, a column per option', async () => {
    const table = await service().crossTab(target, question('plan'), question('visit-for'), {})
    assert.equal(column(table, 'walk').Agree, '11 (85%)')
    assert.equal(column(table, 'walk').Disagree, 'fewer than 5')
    assert.deepEqual([column(table, 'play').Agree, column(table, 'play').Disagree], ['6 (55%)', '5 (45%)'])
    assert.equal(show(table.columns.find((candidate) => candidate.value === 'play')!.base), '11 (100%)')
  })

  it('applies the filters', async () => {
    const table = await service().crossTab(target, question('plan'), question('ward'), { channel: 'paper' })
    assert.ok(table.columns.every((candidate) => candidate.base.suppressed))
  })
})
