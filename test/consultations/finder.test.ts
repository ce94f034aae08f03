import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { fold, parse, textOf } from '../support/html'

import { DRUGS, FILTER_CASES, PARKS, SUBSTANCE } from './finder-cases'

const context = useTestApp()

const titlesOn = (html: string) => {
  const page = parse(html)
  return {
    page,
    titles: page('.app-consultation-list__title')
      .map((_, el) => fold(page(el).text()))
      .get(),
  }
}

describe('the finder filters', () => {
  for (const [query, expected] of FILTER_CASES) {
    it(`/consultations?${query} finds ${expected.length === 0 ? 'nothing' : expected.join(', ')}`, async () => {
      const { page, titles } = titlesOn((await request(context.app).get(`/consultations?${query}`).expect(200)).text)
      assert.deepEqual([...titles].sort(), [...expected].sort())
      const noun = expected.length === 1 ? 'consultation' : 'consultations'
      assert.equal(fold(page('#result-count').text()), `${expected.length} ${noun} found`)
    })
  }
})

describe('the finder page', () => {
  it('shows each result with its status, dates and summary', async () => {
    const { page } = titlesOn((await request(context.app).get('/consultations?q=prison').expect(200)).text)
    const item = fold(page('.app-consultation-list__item').text())
    assert.match(item, /Closed: outcome published Opened 4 November 2014, closed 29 December 2014/)
    assert.match(item, /future arrangements for substance misuse services/)
  })

  it('lists open consultations first, then closed ones, most recently closed first', async () => {
    const { titles } = titlesOn((await request(context.app).get('/consultations').expect(200)).text)
    assert.deepEqual(titles, [PARKS, DRUGS, SUBSTANCE])
  })

  it('shows the chosen filters as tags, each removing only itself', async () => {
    const response = await request(context.app)
      .get('/consultations?q=drugs&status=closed&ward=abbey&ward=castle&opens_from=2014-01-01')
      .expect(200)
    const page = parse(response.text)
    const tags = page('.app-selected-filter')
      .map((_, el) => ({ text: fold(page(el).text()), href: page(el).attr('href') }))
      .get()
    assert.deepEqual(tags, [
      {
        text: 'Remove filter Search: drugs ×',
        href: '/consultations?status=closed&ward=abbey&ward=castle&opens_from=2014-01-01',
      },
      {
        text: 'Remove filter Status: Closed ×',
        href: '/consultations?q=drugs&ward=abbey&ward=castle&opens_from=2014-01-01',
      },
      {
        text: 'Remove filter Area: Abbey ×',
        href: '/consultations?q=drugs&status=closed&ward=castle&opens_from=2014-01-01',
      },
      {
        text: 'Remove filter Area: Castle ×',
        href: '/consultations?q=drugs&status=closed&ward=abbey&opens_from=2014-01-01',
      },
      {
        text: 'Remove filter Opening date from: 1 January 2014 ×',
        href: '/consultations?q=drugs&status=closed&ward=abbey&ward=castle',
      },
    ])
    assert.equal(
      page('a[href="/consultations"]').filter((_, el) => fold(page(el).text()) === 'Clear all filters').length,
      1,
    )
  })

  it('keeps the chosen filters ticked and filled in on the GET form', async () => {
    const page = parse(
      (
        await request(context.app)
          .get('/consultations?q=drugs&status=closed&ward=castle&closes_to=2023-07-02')
          .expect(200)
      ).text,
    )
    const form = page('form[action="/consultations"][method="get"]')
    assert.equal(form.find('input[name="q"]').val(), 'drugs')
    assert.deepEqual(
      form
        .find('input[name="status"]:checked')
        .map((_, el) => page(el).val())
        .get(),
      ['closed'],
    )
    assert.deepEqual(
      form
        .find('input[name="ward"]:checked')
        .map((_, el) => page(el).val())
        .get(),
      ['castle'],
    )
    assert.equal(form.find('input[name="closes_to"]').val(), '2023-07-02')
    assert.equal(form.find('input[name="ward"]').length, 22, 'All Areas and the 21 wards')
    assert.equal(form.find('input[name="audience"]').length, 92)
    assert.equal(form.find('input[name="topic"]').length, 52)
  })

  it('tidies away the empty fields a GET form sends', async () => {
    const response = await request(context.app)
      .get('/consultations?q=&status=closed&ward=troon&opens_from=&opens_to=')
      .expect(302)
    assert.equal(response.headers.location, '/consultations?status=closed&ward=troon')
  })

  it('links to the lists of areas, audiences and interests', async () => {
    const page = parse((await request(context.app).get('/consultations').expect(200)).text)
    for (const path of ['/wards', '/audiences', '/topics']) assert.equal(page(`main a[href="${path}"]`).length, 1, path)
  })

  it('accepts dates as people type them', async () => {
    const { titles } = titlesOn((await request(context.app).get('/consultations?opens_to=4/11/2014').expect(200)).text)
    assert.deepEqual(titles, [SUBSTANCE])
  })

  it('pages through results, 10 to a page, with links that keep the filters', async () => {
    const service = (await import('../../src/services')).createServices(context.db).consultationService
    const base = (await import('../../seeds/data/sample-consultation')).sampleConsultation(new Date())
    for (let n = 1; n <= 11; n += 1) {
      await service.replaceConsultation({
        ...base,
        slug: `paging-test-${n}`,
        title: `Paging test ${n}`,
        isSample: false,
      })
    }
    try {
      const first = titlesOn((await request(context.app).get('/consultations?status=open').expect(200)).text)
      assert.equal(first.titles.length, 10)
      assert.equal(fold(first.page('#result-count').text()), '12 consultations found')
      assert.equal(first.page('.govuk-pagination__next a').attr('href'), '/consultations?status=open&page=2')
      const second = titlesOn((await request(context.app).get('/consultations?status=open&page=2').expect(200)).text)
      assert.equal(second.titles.length, 2)
      assert.match(second.page('title').text(), /^Find consultations \(page 2 of 2\)/)
      assert.equal(new Set([...first.titles, ...second.titles]).size, 12)
      const beyond = titlesOn((await request(context.app).get('/consultations?status=open&page=9').expect(200)).text)
      assert.equal(beyond.titles.length, 0)
      assert.match(textOf(beyond.page), /There are no results on page 9/)
    } finally {
      for (let n = 1; n <= 11; n += 1)
        await context
          .db('consultations')
          .where({ slug: `paging-test-${n}` })
          .delete()
    }
  })
})

describe('the finder with bad parameters', () => {
  const IGNORED = [
    'status=nonsense',
    'status[]=x',
    'page=-1',
    'page=abc',
    'page=0',
    'page=1.5',
    'page=99999999999999999999',
    'ward=no-such-ward',
    'ward=NOT%20A%20SLUG',
    `ward=${'a'.repeat(500)}`,
    'audience=%00',
    'q=%00%01',
    'q=%22unbalanced',
    'q=-',
    'q=%26%7C!()%3A*',
    'q=or',
    'q=the',
    "q='",
    'pageSize=0',
    'unknown=1',
    'page=1&page=2',
  ]
  for (const query of IGNORED) {
    it(`ignores ${query.slice(0, 40)}`, async () => {
      const response = await request(context.app).get(`/consultations?${query}`)
      assert.equal(response.status, 200)
      assert.equal(parse(response.text)('.govuk-error-summary').length, 0)
    })
  }

  it('ignores an unknown ward while keeping a known one', async () => {
    const { titles } = titlesOn(
      (await request(context.app).get('/consultations?ward=no-such-ward&ward=troon').expect(200)).text,
    )
    assert.deepEqual(titles, [DRUGS])
  })

  it('explains a search that is too long, and searches without it', async () => {
    const response = await request(context.app)
      .get(`/consultations?q=${'x'.repeat(10_000)}`)
      .expect(200)
    const page = parse(response.text)
    assert.match(page('title').text(), /^Error: /)
    assert.equal(fold(page('.govuk-error-summary a[href="#q"]').text()), 'Search terms must be 200 characters or fewer')
    assert.match(fold(page('#q-error').text()), /Search terms must be 200 characters or fewer/)
    assert.equal(titlesOn(response.text).titles.length, 3)
  })

  for (const [field, value, message] of [
    ['opens_from', '2023-02-30', 'Opening date from must be a real date, like 27/3/2023'],
    ['closes_to', 'yesterday', 'Closing date to must be a real date, like 27/3/2023'],
    ['opens_to', '31/13/2023', 'Opening date to must be a real date, like 27/3/2023'],
  ] as const) {
    it(`puts a message next to ${field}=${value}`, async () => {
      const response = await request(context.app)
        .get(`/consultations?${field}=${encodeURIComponent(value)}&status=closed`)
        .expect(200)
      const page = parse(response.text)
      assert.equal(fold(page(`.govuk-error-summary a[href="#${field}"]`).text()), message)
      assert.match(fold(page(`#${field}-error`).text()), new RegExp(message.replace(/[/()]/g, '.')))
      assert.equal(page(`input#${field}`).val(), value, 'shows what was typed')
      assert.equal(fold(page('#result-count').text()), '2 consultations found', 'the other filters still apply')
    })
  }

  it('explains a date range that ends before it starts', async () => {
    const page = parse(
      (await request(context.app).get('/consultations?closes_from=2023-07-02&closes_to=2023-07-01').expect(200)).text,
    )
    assert.equal(
      fold(page('.govuk-error-summary a[href="#closes_to"]').text()),
      'Closing date to must be the same as or after closing date from',
    )
  })
})
