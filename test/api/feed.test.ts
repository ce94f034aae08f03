import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { createServices } from '../../src/services'
import { sampleConsultation } from '../../seeds/data/sample-consultation'
import { TEST_BASE_URL, useTestApp } from '../support/app'

const context = useTestApp()

const parser = new XMLParser({
  ignoreAttributes: false,
  // The feed escapes an apostrophe as &#39;, which only the HTML entities decode; the option's replacement, a custom
  // entityDecoder, is more than a test needs.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  htmlEntities: true,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
})

interface AtomEntry {
  id: string
  title: string
  link: { '@href': string; '@rel': string }[]
  published: string
  updated: string
  summary: { '#text': string; '@type': string }
  category?: { '@term': string; '@label': string; '@scheme': string }[]
}

async function fetchFeed(query = '') {
  const response = await request(context.app).get(`/consultations.atom${query}`).expect(200)
  // The validator is deprecated here for the fast-xml-validator package, which the project does not have yet.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  assert.equal(XMLValidator.validate(response.text), true, 'well-formed XML')
  return { response, feed: parser.parse(response.text).feed }
}

describe('the Atom feed', () => {
  it('is served as Atom, cacheable', async () => {
    const { response } = await fetchFeed()
    assert.match(response.headers['content-type'] ?? '', /^application\/atom\+xml; charset=utf-8/)
    assert.match(response.headers['cache-control'] ?? '', /public, max-age=\d+/)
  })

  it('has the feed-level elements Atom requires', async () => {
    const { feed } = await fetchFeed()
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom')
    assert.equal(feed.id, `${TEST_BASE_URL}/consultations.atom`)
    assert.match(feed.title, /^Consultations - Consultation Hub - Leicester City Council$/)
    assert.ok(!Number.isNaN(Date.parse(feed.updated)))
    assert.equal(feed.author.name, 'Leicester City Council')
    const self = (feed.link as { '@rel': string; '@href': string }[]).find((link) => link['@rel'] === 'self')
    assert.equal(self?.['@href'], `${TEST_BASE_URL}/consultations.atom`)
  })

  it('lists every published consultation, most recently published first, with absolute links', async () => {
    const { feed } = await fetchFeed()
    const entries = feed.entry as AtomEntry[]
    assert.deepEqual(
      entries.map((entry) => entry.title),
      [
        'Sample consultation: parks and green spaces',
        "Leicester's Drug Strategy Consultation",
        'Substance misuse services',
      ],
    )
    const substance = entries[2]!
    assert.equal(substance.id, `${TEST_BASE_URL}/consultations/substance-misuse-services`)
    assert.equal(substance.link[0]!['@href'], `${TEST_BASE_URL}/consultations/substance-misuse-services`)
    assert.equal(substance.published, '2014-11-04T00:00:00.000Z')
    assert.equal(substance.summary['@type'], 'text')
    assert.match(
      substance.summary['#text'],
      /^We are consulting about .* \(Closed: outcome published\. Opens 4 November 2014, closes 29 December 2014 at 11:59pm\.\)$/,
    )
    assert.ok(
      substance.category?.some(
        (category) => category['@term'] === 'abbey' && category['@scheme'] === `${TEST_BASE_URL}/wards`,
      ),
    )
  })

  it('takes the finder filters, and keeps them in its links', async () => {
    const { feed } = await fetchFeed('?status=closed&ward=troon')
    assert.deepEqual(
      (feed.entry as AtomEntry[]).map((entry) => entry.title),
      ["Leicester's Drug Strategy Consultation"],
    )
    const alternate = (feed.link as { '@rel': string; '@href': string }[]).find((link) => link['@rel'] === 'alternate')
    assert.equal(alternate?.['@href'], `${TEST_BASE_URL}/consultations?status=closed&ward=troon`)
  })

  it('escapes text and drops characters XML cannot hold', async () => {
    const { consultationService } = createServices(context.db)
    await consultationService.replaceConsultation({
      ...sampleConsultation(new Date()),
      slug: 'xml-test',
      title: 'Fish & chips <script>alert("x")</script> \u0001 shops',
      summary: "Tom's ]]> \u0008 \uffff summary",
    })
    try {
      const { feed } = await fetchFeed('?q=chips')
      const [entry] = feed.entry as AtomEntry[]
      assert.equal(entry?.title, 'Fish & chips <script>alert("x")</script>  shops')
      assert.match(entry.summary['#text'], /^Tom's ]]> {3}summary/)
    } finally {
      await context.db('consultations').where({ slug: 'xml-test' }).delete()
    }
  })

  for (const query of [
    '?status=nonsense',
    '?page=-1',
    `?q=${'x'.repeat(10_000)}`,
    '?status[]=x',
    '?opens_from=2023-02-30',
    '?ward=nope',
  ]) {
    it(`stays valid with ${query.slice(0, 30)}`, async () => {
      await fetchFeed(query)
    })
  }
})
