import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { TEST_BASE_URL, useTestApp } from './support/app'
import { fold, parse, type Page } from './support/html'

const context = useTestApp()
let page: Page

const titlesAfter = (headingId: string) =>
  page(`#${headingId}`)
    .nextUntil('h2')
    .find('.app-consultation-list__title')
    .map((_, el) => fold(page(el).text()))
    .get()

describe('the home page', () => {
  before(async () => {
    page = parse((await request(context.app).get('/').expect(200)).text)
  })

  it('puts no code in its Open Graph image: an absolute URL to an image we serve, or none', async () => {
    const image = page('meta[property="og:image"]').attr('content')
    if (image === undefined) return
    assert.doesNotMatch(image, /function/)
    const url = new URL(image)
    assert.equal(url.origin, TEST_BASE_URL)
    const served = await request(context.app).get(url.pathname).expect(200)
    assert.match(served.headers['content-type'] ?? '', /^image\//)
  })

  it('names the council in the header and the site in the service navigation', () => {
    assert.equal(fold(page('.govuk-generic-header').text()), 'Leicester City Council')
    assert.match(fold(page('.govuk-service-navigation').text()), /Consultation Hub/)
  })

  it('lists the open sample consultation', () => {
    assert.deepEqual(titlesAfter('open'), ['Sample consultation: parks and green spaces'])
  })

  it('says there are no forthcoming consultations', () => {
    assert.match(fold(page('#forthcoming').next().text()), /no forthcoming consultations/)
  })

  it('lists recently closed consultations, most recently closed first', () => {
    assert.deepEqual(titlesAfter('recently-closed'), [
      "Leicester's Drug Strategy Consultation",
      'Substance misuse services',
    ])
  })

  it('shows the latest We asked, You said, We did item', () => {
    const feedback = page('#we-asked-you-said-we-did').next('ul')
    assert.match(
      fold(feedback.text()),
      /Substance misuse services Feedback updated 19 March 2015 An 8-week consultation/,
    )
  })

  it('has a search box that submits to the finder', () => {
    const form = page('form[role="search"]')
    assert.equal(form.attr('action'), '/consultations')
    assert.equal(form.attr('method'), 'get')
    assert.equal(form.find('input[name="q"]').length, 1)
    assert.equal(page(`label[for="${form.find('input').attr('id')}"]`).length, 1)
  })

  it('shows no crown and no Crown copyright', () => {
    const html = page.html()
    assert.doesNotMatch(html, /crown/i)
    assert.doesNotMatch(html, /GOV\.UK/)
  })
})

describe('the home page with odd query parameters', () => {
  for (const query of ['?status=nonsense', '?page=-1', `?q=${'x'.repeat(10_000)}`, '?status[]=x', '?page=abc']) {
    it(`ignores ${query.slice(0, 30)}`, async () => {
      const response = await request(context.app).get(`/${query}`)
      assert.equal(response.status, 200)
    })
  }
})
