import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { useSignedInAgents } from '../support/auth'
import { fold, type Page, parse, textOf } from '../support/html'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp()
const agents = useSignedInAgents(context)
const FEW = 'fixture-disclosure-few'
const ENOUGH = 'fixture-disclosure-enough'

const times = (count: number, answers: FixtureResponse['answers']): FixtureResponse[] =>
  Array.from({ length: count }, () => ({ answers }))

/** 14 respondents: 2 give a number, 3 disagree with the plan. */
const FEW_RESPONSES: FixtureResponse[] = [
  ...times(5, { plan: 'strongly_agree', 'use-parks': 'yes' }),
  ...times(6, { plan: 'agree', 'use-parks': 'yes' }),
  { answers: { plan: 'disagree', 'use-parks': 'no', visits: -5 } },
  { answers: { plan: 'disagree', 'use-parks': 'no', visits: 5 } },
  { answers: { plan: 'disagree', 'use-parks': 'no' } },
]

/** 10 respondents: 5 give a number, and every option chosen is chosen by 5. */
const ENOUGH_RESPONSES: FixtureResponse[] = [
  ...[2, 4, 6, 8, 10].map((visits): FixtureResponse => ({ answers: { plan: 'agree', 'use-parks': 'yes', visits } })),
  ...times(5, { plan: 'disagree', 'use-parks': 'no' }),
]

const PUBLISHED = ['plan', 'use-parks', 'visits']

async function publishAll(slug: string) {
  const services = createServices(context.db)
  const target = await services.resultsService.findSurvey(slug)
  await services.publishingService.publish(null, target!, PUBLISHED)
}

const publicPage = async (slug: string) =>
  parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)

const RESULTS = 'section[aria-labelledby="results-heading"]'
const resultsOf = (page: Page) => textOf(page, RESULTS)

/** A results table's rows as the reader sees them: label, count, % of respondents, % of those who answered. */
function tableRows(page: Page, caption: string): Record<string, string[]> {
  const table = page('table').filter((_, el) => fold(page(el).find('caption').text()) === caption)
  assert.equal(table.length, 1, `a table captioned ${caption}`)
  return Object.fromEntries(
    table
      .find('tbody tr')
      .map((_, row) => [
        [
          fold(page(row).find('th').text()),
          page(row)
            .find('td')
            .map((__, cell) => fold(page(cell).text()))
            .get(),
        ],
      ])
      .get() as [string, string[]][],
  )
}

/** The rows of the number question's summary, as key and value. */
const summaryOf = (page: Page, scope: string): string[][] =>
  page(scope)
    .find('.govuk-summary-list__row')
    .map((_, row) => [[fold(page(row).find('dt').text()), fold(page(row).find('dd').text())]])
    .get<string[]>()

/**
 * Every value the withheld counts of the agreement table could take, given the figures shown: the options add
 * up to those who answered, and each combined row to its two options.
 */
function possibleValues(rows: Record<string, string[]>, answeredText: string, label: string): Set<number> {
  const [answeredShown, respondents] = /^(.*) of (\d+) respondents answered\.$/.exec(answeredText)!.slice(1)
  const answered = /^\d+$/.test(answeredShown!) ? Number(answeredShown) : null
  const options = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree']
  const all = [...options, "Don't know"]
  const ranges = all.map((option) => {
    const shown = rows[option]![0]!
    if (/^\d+$/.test(shown)) return [Number(shown)]
    const most = shown === 'fewer than 5' ? 4 : Number(respondents)
    return Array.from({ length: most + 1 }, (_, value) => value).filter(
      (value) => shown !== 'fewer than 5' || value > 0,
    )
  })
  const combined = (name: string) => {
    const shown = rows[name]![0]!
    return /^\d+$/.test(shown) ? Number(shown) : null
  }
  const agree = combined('Agree (strongly agree or agree)')
  const disagree = combined('Disagree (disagree or strongly disagree)')
  const found = new Set<number>()
  const visit = (index: number, chosen: number[]) => {
    if (index === ranges.length) {
      const [sa, a, , d, sd] = chosen as [number, number, number, number, number]
      const sum = chosen.reduce((total, value) => total + value, 0)
      if (
        (answered !== null && sum !== answered) ||
        (agree !== null && sa + a !== agree) ||
        (disagree !== null && d + sd !== disagree)
      )
        return
      found.add(chosen[all.indexOf(label)]!)
      return
    }
    for (const value of ranges[index]!) visit(index + 1, [...chosen, value])
  }
  visit(0, [])
  return found
}

describe('published results withhold figures about fewer than 5 people', () => {
  before(async () => {
    await createSurveyFixture(context.db, { slug: FEW, responses: FEW_RESPONSES })
    await createSurveyFixture(context.db, { slug: ENOUGH, responses: ENOUGH_RESPONSES })
    await publishAll(FEW)
    await publishAll(ENOUGH)
  })

  it('withholds the lowest, median and highest of a number 2 of 14 gave, saying why; shows them for 5', async () => {
    const page = await publicPage(FEW)
    assert.deepEqual(summaryOf(page, RESULTS), [['Answered', 'fewer than 5 of 14 respondents']])
    const results = resultsOf(page)
    assert.match(results, /lowest, median and highest answers are withheld because fewer than 5 people answered/)
    assert.doesNotMatch(results, /Lowest|Median|Highest|-5/)

    assert.deepEqual(summaryOf(await publicPage(ENOUGH), RESULTS), [
      ['Answered', '5 of 10 respondents'],
      ['Lowest', '2'],
      ['Median', '6'],
      ['Highest', '10'],
    ])
  })

  it('shows an option chosen by 3 as "fewer than 5", without a percentage, in table and chart; 5 in full', async () => {
    const page = await publicPage(FEW)
    const rows = tableRows(page, 'Q4. Do you agree with the plan?')
    assert.deepEqual(rows.Disagree, ['fewer than 5', 'withheld', 'withheld'])
    assert.deepEqual(rows['Disagree (disagree or strongly disagree)'], ['fewer than 5', 'withheld', 'withheld'])
    assert.deepEqual(rows['Strongly disagree'], ['0', '0%', '0%'])
    const chart = page('svg').filter((_, el) => fold(page(el).find('title').text()).startsWith('Q4.'))
    const description = fold(chart.find('desc').text())
    assert.ok(description.includes('Disagree: fewer than 5'), description)
    assert.doesNotMatch(fold(chart.text()), /\(3\)|21%/)
    assert.match(resultsOf(page), /a figure about fewer than 5 people is shown as “fewer than 5”/)

    const enough = await publicPage(ENOUGH)
    assert.doesNotMatch(resultsOf(enough), /fewer than 5|withheld/)
    const rows5 = tableRows(enough, 'Q4. Do you agree with the plan?')
    assert.deepEqual(
      [rows5.Agree, rows5.Disagree],
      [
        ['5', '50%', '50%'],
        ['5', '50%', '50%'],
      ],
    )
    const chart5 = enough('svg').filter((_, el) => fold(enough(el).find('title').text()).startsWith('Q4.'))
    assert.ok(fold(chart5.find('desc').text()).includes('Disagree: 50% (5)'))
  })

  it('withholds another figure too, so that the hidden count cannot be worked out by subtraction', async () => {
    const page = await publicPage(FEW)
    const rows = tableRows(page, 'Q4. Do you agree with the plan?')
    const table = page('table').filter((_, el) => fold(page(el).find('caption').text()).startsWith('Q4.'))
    const answered = fold(table.closest('.app-table-scroll').next('p').text())
    const possible = possibleValues(rows, answered, 'Disagree')
    assert.ok(possible.size > 1, `Disagree could only be ${[...possible].join(', ')}`)
    const parks = tableRows(page, 'Q1. Do you use the parks?')
    assert.equal(parks.No![0], 'fewer than 5')
    assert.notEqual(parks.Yes![0], '11', 'Yes is not shown, or No would be 14 - 11')
  })

  it('still shows officers every figure, and tells an editor which are withheld from the public and why', async () => {
    const question = parse(
      (await agents.analyst.get(`/admin/consultations/${FEW}/results/questions/visits`).expect(200)).text,
    )
    assert.deepEqual(summaryOf(question, 'main'), [
      ['Answered', '2 of 14 respondents'],
      ['Lowest', '-5'],
      ['Median', '0'],
      ['Highest', '5'],
    ])
    const plan = parse(
      (await agents.analyst.get(`/admin/consultations/${FEW}/results/questions/plan`).expect(200)).text,
    )
    assert.deepEqual(tableRows(plan, 'Q4. Do you agree with the plan?').Disagree, ['3', '21%', '21%'])

    const publish = parse((await agents.editor.get(`/admin/consultations/${FEW}/results/publish`).expect(200)).text)
    const note = textOf(publish, '#withheld-figures')
    assert.match(note, /Withheld from the public page/)
    assert.match(note, /Q6\. How many visits a month\?: the number who answered, lowest, median and highest/)
    assert.match(note, /fewer than 5 answered/)
    assert.match(note, /Q4\. Do you agree with the plan\?: .*'Disagree' \(fewer than 5\)/)
    assert.match(note, /Q1\. Do you use the parks\?: .*'No' \(fewer than 5\)/)
    const enough = parse((await agents.editor.get(`/admin/consultations/${ENOUGH}/results/publish`).expect(200)).text)
    assert.equal(enough('#withheld-figures').length, 0)
  })
})
