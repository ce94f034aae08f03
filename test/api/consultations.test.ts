import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { TEST_BASE_URL, useTestApp } from '../support/app'
import { FILTER_CASES } from '../consultations/finder-cases'

const context = useTestApp()

interface ApiConsultation {
  slug: string
  title: string
  status: string
  opensAt: string
  closesAt: string
  summary: string
  url: string
  wards: { name: string; slug: string }[]
  audiences: { name: string; slug: string }[]
  topics: { name: string; slug: string }[]
}

describe('the open-data API list', () => {
  for (const [query, expected] of FILTER_CASES) {
    it(`/api/consultations?${query} gives exactly the finder's results`, async () => {
      const response = await request(context.app).get(`/api/consultations?${query}`).expect(200)
      const titles = (response.body.consultations as ApiConsultation[]).map((consultation) => consultation.title)
      assert.deepEqual(titles.sort(), [...expected].sort())
      assert.equal(response.body.total, expected.length)
    })
  }

  it('is cacheable, open to other sites, and JSON', async () => {
    const response = await request(context.app).get('/api/consultations').expect(200)
    assert.match(response.headers['content-type'] ?? '', /^application\/json; charset=utf-8/)
    assert.match(response.headers['cache-control'] ?? '', /public, max-age=\d+/)
    assert.equal(response.headers['access-control-allow-origin'], '*')
    assert.ok(response.headers.etag, 'has an ETag')
    await request(context.app).get('/api/consultations').set('If-None-Match', response.headers.etag).expect(304)
  })

  it('gives each consultation its fields, with ISO 8601 dates, an absolute URL and its terms', async () => {
    const response = await request(context.app).get('/api/consultations?q=prison').expect(200)
    assert.deepEqual(Object.keys(response.body).sort(), ['consultations', 'page', 'pageSize', 'total'])
    const [substance] = response.body.consultations as ApiConsultation[]
    assert.ok(substance)
    assert.equal(substance.slug, 'substance-misuse-services')
    assert.equal(substance.status, 'closed')
    assert.equal(substance.opensAt, '2014-11-04T00:00:00.000Z')
    assert.equal(substance.closesAt, '2014-12-29T23:59:00.000Z')
    assert.equal(substance.url, `${TEST_BASE_URL}/consultations/substance-misuse-services`)
    assert.match(substance.summary, /^We are consulting about the future arrangements/)
    assert.equal(substance.wards.length, 17)
    assert.deepEqual(
      substance.wards.find((ward) => ward.slug === 'braunstone-park-and-rowley-fields'),
      {
        name: 'Braunstone Park & Rowley Fields',
        slug: 'braunstone-park-and-rowley-fields',
      },
    )
    assert.deepEqual(substance.topics, [{ name: 'Adult social care', slug: 'adult-social-care' }])
    assert.equal(substance.audiences.length, 6)
  })

  it('pages with page and pageSize', async () => {
    const first = await request(context.app).get('/api/consultations?pageSize=2').expect(200)
    const second = await request(context.app).get('/api/consultations?pageSize=2&page=2').expect(200)
    assert.deepEqual(
      [first.body.page, first.body.pageSize, first.body.total, first.body.consultations.length],
      [1, 2, 3, 2],
    )
    assert.deepEqual(
      [second.body.page, second.body.pageSize, second.body.total, second.body.consultations.length],
      [2, 2, 3, 1],
    )
    const slugs = [...first.body.consultations, ...second.body.consultations].map((c: ApiConsultation) => c.slug)
    assert.equal(new Set(slugs).size, 3)
    const defaults = await request(context.app).get('/api/consultations').expect(200)
    assert.equal(defaults.body.pageSize, 20)
  })

  for (const [query, parameter] of [
    ['status=nonsense', 'status'],
    ['page=-1', 'page'],
    ['page=abc', 'page'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['opens_from=2023-02-30', 'opens_from'],
    ['closes_from=2023-07-02&closes_to=2023-07-01', 'closes_to'],
    [`q=${'x'.repeat(10_000)}`, 'q'],
    ['ward=no-such-ward', 'ward'],
    ['audience=NOT%20A%20SLUG', 'audience'],
  ] as const) {
    it(`explains a bad ${parameter} (${query.slice(0, 30)}) with a 400`, async () => {
      const response = await request(context.app).get(`/api/consultations?${query}`).expect(400)
      assert.match(response.headers['content-type'] ?? '', /^application\/json/)
      assert.equal(response.body.error, 'Bad request')
      assert.equal(response.body.problems[0].parameter, parameter)
      assert.ok(response.body.problems[0].message.length > 10)
    })
  }

  it('ignores parameters it does not know, such as status[]', async () => {
    const response = await request(context.app).get('/api/consultations?status[]=x&foo=bar').expect(200)
    assert.equal(response.body.total, 3)
  })
})

describe('the open-data API detail', () => {
  it('adds the sections and the feedback', async () => {
    const response = await request(context.app).get('/api/consultations/substance-misuse-services').expect(200)
    assert.match(response.headers['content-type'] ?? '', /^application\/json/)
    const body = response.body
    assert.equal(body.title, 'Substance misuse services')
    assert.equal(body.url, `${TEST_BASE_URL}/consultations/substance-misuse-services`)
    assert.equal(body.sections.length, 4)
    assert.equal(body.sections[1].heading, 'Why your views matter')
    assert.match(body.sections[0].bodyMarkdown, /Leicester Prison/)
    assert.match(body.feedback.youSaid, /115 individual questionnaire responses/)
    assert.equal(body.feedback.feedbackUpdatedAt, '2015-03-19T00:00:00.000Z')
  })

  it('gives null feedback when there is none', async () => {
    const response = await request(context.app)
      .get('/api/consultations/leicesters-drug-strategy-consultation')
      .expect(200)
    assert.equal(response.body.feedback, null)
    assert.equal(response.body.wards[0].name, 'All Areas')
    assert.equal(response.body.audiences.length, 92)
  })

  for (const slug of ['no-such-consultation', 'UPPER', 'a'.repeat(300), '%00']) {
    it(`404s with JSON for ${slug.slice(0, 30)}`, async () => {
      const response = await request(context.app).get(`/api/consultations/${slug}`).expect(404)
      assert.match(response.headers['content-type'] ?? '', /^application\/json/)
      assert.equal(response.body.error, 'Not found')
    })
  }

  it('404s with JSON for an unknown API path', async () => {
    const response = await request(context.app).get('/api/nothing-here').expect(404)
    assert.equal(response.body.error, 'Not found')
  })
})
