import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { fold, parse, textOf } from '../support/html'
import { expandDateLine, readSeedPage } from '../support/seed-pages'

const context = useTestApp()

const SEEDED = [
  {
    file: 'substance-misuse-services-2014.txt',
    slug: 'substance-misuse-services',
    status: 'Closed: outcome published',
  },
  {
    file: 'leicester-drug-strategy-2023.txt',
    slug: 'leicesters-drug-strategy-consultation',
    status: 'Closed: we are analysing your feedback',
  },
]

for (const { file, slug, status } of SEEDED) {
  describe(`the overview of ${slug}, against the council's page`, () => {
    const source = readSeedPage(file)

    it('shows the title as the page heading and in the document title', async () => {
      const page = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      assert.equal(fold(page('h1').text()), source.title)
      assert.match(page('title').text(), new RegExp(`^${source.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} - `))
    })

    it('shows every paragraph and bullet of the page, in the same order', async () => {
      const page = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      const text = textOf(page)
      let cursor = 0
      for (const line of source.textLines) {
        const at = text.indexOf(line, cursor)
        assert.ok(at >= 0, `missing or out of order: "${line}"`)
        cursor = at + line.length
      }
    })

    it('shows the opened, closed, feedback and results dates in London time', async () => {
      const page = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      const text = textOf(page)
      for (const line of source.dateLines) {
        const { label, date } = expandDateLine(line)
        assert.ok(text.includes(`${label} ${date}`), `missing "${label} ${date}" in ${text.slice(0, 400)}`)
      }
    })

    it('lists every ward, audience and interest, each linking to the filtered finder', async () => {
      const page = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      const [wards, audiences, topics] = source.termLists
      const linksFor = (param: string) =>
        page(`a[href^="/consultations?${param}="]`)
          .map((_, el) => fold(page(el).text()))
          .get()
      assert.deepEqual(new Set(linksFor('ward')), new Set(wards))
      assert.deepEqual(new Set(linksFor('audience')), new Set(audiences))
      assert.deepEqual(new Set(linksFor('topic')), new Set(topics))
    })

    it('is closed, so offers no way to respond', async () => {
      const page = parse((await request(context.app).get(`/consultations/${slug}`).expect(200)).text)
      assert.equal(fold(page('.govuk-tag').first().text()), status)
      assert.equal(page(`a[href="/consultations/${slug}/survey"]`).length, 0)
      assert.match(textOf(page), /This consultation closed on/)
    })
  })
}

describe('feedback on the 2014 consultation', () => {
  it('comes before the overview: We asked, You said, We did', async () => {
    const page = parse((await request(context.app).get('/consultations/substance-misuse-services').expect(200)).text)
    const headings = page('main h2, main h3')
      .map((_, el) => fold(page(el).text()))
      .get()
    const order = ['We asked', 'You said', 'We did', 'Overview'].map((heading) => headings.indexOf(heading))
    assert.ok(
      order.every((index) => index >= 0),
      `headings were ${headings.join(' | ')}`,
    )
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    )
  })

  it('shows the published 2014 figures in You said', async () => {
    const text = textOf(
      parse((await request(context.app).get('/consultations/substance-misuse-services').expect(200)).text),
    )
    for (const figure of [
      '115 individual questionnaire responses',
      '72% of respondents',
      '(49% to 37%)',
      '52% either disagreed',
      'minority in favour-42%',
    ]) {
      assert.ok(text.includes(figure), `missing ${figure}`)
    }
  })
})

describe('the open sample consultation', () => {
  it('is clearly labelled as a sample and invites a response', async () => {
    const page = parse(
      (await request(context.app).get('/consultations/sample-consultation-parks-and-green-spaces').expect(200)).text,
    )
    assert.match(textOf(page), /This is a sample consultation/)
    assert.equal(fold(page('.govuk-tag').first().text()), 'Open')
    const respond = page('a[href="/consultations/sample-consultation-parks-and-green-spaces/survey"]')
    assert.equal(fold(respond.text()), 'Respond online')
  })

  it('shows its related link and contact', async () => {
    const page = parse(
      (await request(context.app).get('/consultations/sample-consultation-parks-and-green-spaces').expect(200)).text,
    )
    assert.equal(page('a[href="https://example.org/parks"]').length, 1)
    assert.match(textOf(page, 'address'), /Parks and Open Spaces team/)
  })
})

describe('consultations that are not there', () => {
  for (const path of [
    '/consultations/no-such-consultation',
    '/consultations/UPPER',
    '/consultations/' + 'a'.repeat(300),
    '/consultations/%00',
    '/consultations/..%2F..%2Fetc',
  ]) {
    it(`gives a 404 page for ${path.slice(0, 40)}`, async () => {
      const response = await request(context.app).get(path)
      assert.equal(response.status, 404)
      assert.equal(fold(parse(response.text)('h1').text()), 'Page not found')
    })
  }
})
