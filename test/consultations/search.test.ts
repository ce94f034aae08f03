import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { createServices } from '../../src/services'
import type { NewConsultation } from '../../src/consultations/types'
import { useTestApp } from '../support/app'
import { fold, parse } from '../support/html'

const context = useTestApp()

const consultation = (slug: string, title: string, summary: string, body: string): NewConsultation => ({
  slug,
  title,
  summary,
  opensAt: new Date('2024-01-08T00:00:00Z'),
  closesAt: new Date('2024-02-18T23:59:00Z'),
  publishedAt: new Date('2024-01-08T00:00:00Z'),
  contact: { name: null, email: null, phone: null, address: null },
  sections: [{ heading: 'Details', bodyMarkdown: body }],
  links: [],
  termSlugs: { wards: [], audiences: [], topics: [] },
  feedback: null,
})

const titlesFor = async (q: string) => {
  const page = parse(
    (
      await request(context.app)
        .get(`/consultations?q=${encodeURIComponent(q)}`)
        .expect(200)
    ).text,
  )
  return page('.app-consultation-list__title')
    .map((_, el) => fold(page(el).text()))
    .get()
}

describe('keyword search', () => {
  before(async () => {
    const { consultationService } = createServices(context.db)
    await consultationService.replaceConsultation(
      consultation(
        'library-opening-hours',
        'Library opening hours',
        'Tell us when you use the library.',
        'We want to change weekend hours at **Westcotes** branch. Ceramic workshop.',
      ),
    )
    await consultationService.replaceConsultation(
      consultation(
        'waste-collection',
        'Bin collections',
        'Proposals for fortnightly collections.',
        'Recycling and garden waste. Our library of leaflets explains the change.',
      ),
    )
    await consultationService
      .replaceConsultation(
        consultation('draft-unpublished', 'Library closures (draft)', 'Not yet published.', 'Library library library.'),
      )
      .then(() => context.db('consultations').where({ slug: 'draft-unpublished' }).update({ published_at: null }))
  })

  it('stems English words: "strategies" finds the Drug Strategy', async () => {
    assert.deepEqual(await titlesFor('strategies'), ["Leicester's Drug Strategy Consultation"])
  })

  it('stems the other way too: "collection" finds "collections", "workshops" finds "workshop"', async () => {
    assert.deepEqual(await titlesFor('collection'), ['Bin collections'])
    assert.deepEqual(await titlesFor('workshops'), ['Library opening hours'])
  })

  it('searches the body text as plain text, not Markdown', async () => {
    assert.deepEqual(await titlesFor('westcotes'), ['Library opening hours'])
  })

  it('ranks a title match above a body match', async () => {
    assert.deepEqual(await titlesFor('library'), ['Library opening hours', 'Bin collections'])
  })

  it('never finds unpublished consultations', async () => {
    assert.ok(!(await titlesFor('closures')).length)
  })

  it('matches a quoted phrase only with the words together', async () => {
    assert.deepEqual(await titlesFor('"garden waste"'), ['Bin collections'])
    assert.deepEqual(await titlesFor('"waste garden"'), [])
  })

  it('leaves out results with a -word', async () => {
    assert.deepEqual(await titlesFor('library -recycling'), ['Library opening hours'])
  })

  it('finds either word with or', async () => {
    assert.deepEqual((await titlesFor('prison or parks')).sort(), [
      'Sample consultation: parks and green spaces',
      'Substance misuse services',
    ])
  })

  it('needs every word without or', async () => {
    assert.deepEqual(await titlesFor('prison parks'), [])
  })

  it('is not confused by punctuation that tsquery syntax uses', async () => {
    assert.deepEqual(await titlesFor('library & (hours | !'), ['Library opening hours'])
  })
})

describe('hostile search text on the finder, the API and the feed', () => {
  const HOSTILE = [
    '-'.repeat(33),
    '- '.repeat(100),
    '-('.repeat(100),
    '-!-&-|-<'.repeat(25),
    `library ${'-'.repeat(60)}recycling`,
    '"-'.repeat(100),
    '!()&|:*',
    '""""',
    '😀 café – 東京 \u202e',
    'library\u0000hours',
    '\u0000'.repeat(50),
  ]
  for (const q of HOSTILE) {
    const label = JSON.stringify(q.slice(0, 24))
    it(`answers ${label} with results, never a 500`, async () => {
      const query = `q=${encodeURIComponent(q)}`
      const [page, api, feed] = await Promise.all(
        ['/consultations', '/api/consultations', '/consultations.atom'].map((path) =>
          request(context.app).get(`${path}?${query}`),
        ),
      )
      assert.deepEqual([page!.status, api!.status, feed!.status], [200, 200, 200])
      assert.equal(parse(page!.text)('.govuk-error-summary').length, 0)
    })
  }

  it('still leaves out a word after a run of minus signs', async () => {
    assert.deepEqual(await titlesFor('library ---recycling'), ['Library opening hours'])
  })
})
