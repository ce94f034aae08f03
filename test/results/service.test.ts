import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createServices } from '../../src/services'
import type { ConsultationSurvey } from '../../src/results/service'
import type { QuestionFigures, ResultsFilter } from '../../src/results/types'
import { useTestApp } from '../support/app'
import { createSurveyFixture, type FixtureResponse } from '../support/survey-fixtures'

const context = useTestApp()

const FIVE_RESPONSES: FixtureResponse[] = [
  {
    submittedAt: new Date('2024-01-10T10:00:00Z'),
    answers: {
      'use-parks': 'yes',
      'visit-for': ['walk', 'play'],
      area: 'north',
      plan: 'strongly_agree',
      facilities: { toilets: 'agree', paths: 'disagree' },
      visits: 4,
      'last-visit': '2024-01-05',
      comments: 'Lovely',
      ward: 'castle',
      'age-band': 'under-35',
    },
  },
  {
    submittedAt: new Date('2024-01-11T10:00:00Z'),
    answers: {
      'use-parks': 'yes',
      'visit-for': ['walk'],
      area: 'south',
      plan: 'agree',
      facilities: { toilets: 'agree' },
      visits: 10,
      'last-visit': '2024-01-20',
      comments: 'More bins, please',
      ward: 'castle',
    },
  },
  {
    channel: 'paper',
    submittedAt: new Date('2024-01-12T10:00:00Z'),
    answers: {
      'use-parks': { other: 'Only in summer' },
      'visit-for': { other: 'Dog walking', also: ['walk'] },
      plan: 'disagree',
      facilities: { toilets: 'strongly_disagree', paths: 'disagree' },
      visits: 1,
      ward: 'abbey',
    },
  },
  {
    channel: 'paper',
    submittedAt: new Date('2024-01-13T10:00:00Z'),
    answers: { 'use-parks': 'no', plan: 'neither', visits: 7, ward: 'abbey' },
  },
  // 00:30 on 1 July in London, but still 30 June in UTC.
  { submittedAt: new Date('2024-06-30T23:30:00Z'), answers: { 'use-parks': 'yes', plan: 'dont_know', ward: 'castle' } },
]

describe('results of a question of every kind', () => {
  let target: ConsultationSurvey
  const results = () => createServices(context.db).resultsService
  const figuresOf = async (key: string, filter: ResultsFilter = {}): Promise<QuestionFigures> =>
    (await results().questionResult(target, key, filter))!.figures
  const counts = (figures: QuestionFigures) =>
    figures.kind === 'choice' ? figures.options.map((option) => [option.label, option.count]) : []

  before(async () => {
    await createSurveyFixture(context.db, { slug: 'fixture-every-kind', responses: FIVE_RESPONSES })
    target = (await results().findSurvey('fixture-every-kind'))!
  })

  it('counts a single choice, with "Other", as shares of respondents and of those who answered', async () => {
    const figures = await figuresOf('use-parks')
    assert.equal(figures.kind, 'choice')
    assert.deepEqual(counts(figures), [
      ['Yes', 3],
      ['No', 1],
      ['Other', 1],
    ])
    assert.equal(figures.answered, 5)
    assert.equal(figures.options[0]!.ofRespondents, 60)
  })

  it('counts each option of a multiple choice once per respondent, against those who answered', async () => {
    const figures = await figuresOf('visit-for')
    assert.ok(figures.kind === 'choice')
    assert.deepEqual(counts(figures), [
      ['Walking', 3],
      ['Play, with children', 1],
      ['Sport', 0],
      ['Something else', 1],
    ])
    assert.equal(figures.answered, 3)
    assert.equal(figures.options[0]!.ofRespondents, 60)
    assert.equal(figures.options[0]!.ofAnswered, 100)
    assert.equal(Math.round(figures.options[1]!.ofAnswered * 100) / 100, 33.33)
  })

  it('counts a dropdown against those who answered it', async () => {
    const figures = await figuresOf('area')
    assert.ok(figures.kind === 'choice')
    assert.deepEqual(counts(figures), [
      ['North', 1],
      ['South', 1],
    ])
    assert.equal(figures.answered, 2)
    assert.equal(figures.options[0]!.ofRespondents, 20)
    assert.equal(figures.options[0]!.ofAnswered, 50)
  })

  it('combines agree and disagree on an agreement scale', async () => {
    const figures = await figuresOf('plan')
    assert.ok(figures.kind === 'choice' && figures.agreement)
    assert.deepEqual(
      counts(figures).map(([, count]) => count),
      [1, 1, 1, 1, 0, 1],
    )
    assert.deepEqual(figures.agreement.agree, { count: 2, ofRespondents: 40, ofAnswered: 40 })
    assert.deepEqual(figures.agreement.disagree, { count: 1, ofRespondents: 20, ofAnswered: 20 })
  })

  it('gives a matrix one row per statement', async () => {
    const figures = await figuresOf('facilities')
    assert.ok(figures.kind === 'matrix')
    assert.equal(figures.answered, 3)
    const [toilets, paths] = figures.statements
    assert.equal(toilets!.label, 'Toilets are clean')
    assert.equal(toilets!.answered, 3)
    assert.equal(toilets!.agreement!.agree.count, 2)
    assert.equal(toilets!.agreement!.agree.ofRespondents, 40)
    assert.equal(Math.round(toilets!.agreement!.agree.ofAnswered), 67)
    assert.equal(toilets!.agreement!.disagree.count, 1)
    assert.equal(paths!.answered, 2)
    assert.deepEqual(paths!.agreement, {
      agree: { count: 0, ofRespondents: 0, ofAnswered: 0 },
      disagree: { count: 2, ofRespondents: 40, ofAnswered: 100 },
    })
  })

  it('gives the minimum, median and maximum of a number', async () => {
    assert.deepEqual(await figuresOf('visits'), { kind: 'number', answered: 4, min: 1, median: 5.5, max: 10 })
    // An odd count has one middle answer, whether counted along the index (no filter) or by the filtered query.
    assert.deepEqual(await figuresOf('visits', { to: '2024-01-12' }), {
      kind: 'number',
      answered: 3,
      min: 1,
      median: 4,
      max: 10,
    })
    assert.deepEqual(await figuresOf('visits', { channel: 'paper' }), {
      kind: 'number',
      answered: 2,
      min: 1,
      median: 4,
      max: 7,
    })
  })

  it('gives the earliest and latest of a date', async () => {
    assert.deepEqual(await figuresOf('last-visit'), {
      kind: 'date',
      answered: 2,
      earliest: '2024-01-05',
      latest: '2024-01-20',
    })
  })

  it('counts free-text answers and lists them, searchable and paginated', async () => {
    assert.deepEqual(await figuresOf('comments'), { kind: 'text', answered: 2 })
    const question = target.questions.find(({ question }) => question.key === 'comments')!.question
    const all = await results().textAnswers(question, {}, { page: 1 })
    assert.deepEqual(
      all.answers.map((answer) => answer.text),
      ['More bins, please', 'Lovely'],
    )
    const found = await results().textAnswers(question, {}, { search: 'BINS', page: 1 })
    assert.deepEqual(
      found.answers.map((answer) => answer.text),
      ['More bins, please'],
    )
    const partOfAWord = await results().textAnswers(question, {}, { search: 'OVEL', page: 1 })
    assert.deepEqual(
      partOfAWord.answers.map((answer) => answer.text),
      ['Lovely'],
    )
    // LIKE's wildcards are searched for as themselves.
    for (const wildcard of ['%', '_', 'b_ns', '\\'])
      assert.equal((await results().textAnswers(question, {}, { search: wildcard, page: 1 })).total, 0, wildcard)
  })

  it('lists the text answers of the filtered responses only, latest first', async () => {
    const question = target.questions.find(({ question }) => question.key === 'comments')!.question
    const texts = async (filter: ResultsFilter) => {
      const page = await results().textAnswers(question, filter, { page: 1 })
      return [page.total, page.answers.map((answer) => answer.text)]
    }
    assert.deepEqual(await texts({ to: '2024-01-10' }), [1, ['Lovely']])
    assert.deepEqual(await texts({ from: '2024-01-11' }), [1, ['More bins, please']])
    assert.deepEqual(await texts({ channel: 'online' }), [2, ['More bins, please', 'Lovely']])
    assert.deepEqual(await texts({ channel: 'paper' }), [0, []])
    const other = target.questions.find(({ question }) => question.key === 'visit-for')!.question
    assert.deepEqual(
      (await results().textAnswers(other, { channel: 'paper' }, { page: 1 })).answers.map((answer) => answer.text),
      ['Dog walking'],
    )
    assert.deepEqual((await results().textAnswers(other, { channel: 'online' }, { page: 1 })).answers, [])
  })

  it('lists the "Other" texts of a choice question', async () => {
    const question = target.questions.find(({ question }) => question.key === 'visit-for')!.question
    const page = await results().textAnswers(question, {}, { page: 1 })
    assert.deepEqual(
      page.answers.map((answer) => answer.text),
      ['Dog walking'],
    )
  })

  it('filters by channel', async () => {
    const figures = await figuresOf('use-parks', { channel: 'paper' })
    assert.ok(figures.kind === 'choice')
    assert.deepEqual(counts(figures), [
      ['Yes', 0],
      ['No', 1],
      ['Other', 1],
    ])
    assert.equal(figures.options[1]!.ofRespondents, 50)
  })

  it('filters by London calendar days, both ends included', async () => {
    assert.equal(await results().countRespondents(target, { to: '2024-06-30' }), 4)
    assert.equal(await results().countRespondents(target, { from: '2024-07-01' }), 1)
    assert.equal(await results().countRespondents(target, { from: '2024-01-11', to: '2024-01-12' }), 2)
  })
})
