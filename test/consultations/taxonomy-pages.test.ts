import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { fold, parse, textOf } from '../support/html'
import { DRUGS, PARKS, SUBSTANCE } from './finder-cases'

const context = useTestApp()

const termCounts = async (path: string) => {
  const page = parse((await request(context.app).get(path).expect(200)).text)
  return page('#terms li')
    .map((_, el) => {
      const link = page(el).find('a')
      return {
        name: fold(link.text()),
        href: link.attr('href'),
        count: fold(page(el).find('.app-term-counts__count').text()),
      }
    })
    .get()
}

const titlesOn = async (path: string) => {
  const page = parse((await request(context.app).get(path).expect(200)).text)
  return {
    page,
    titles: page('.app-consultation-list__title')
      .map((_, el) => fold(page(el).text()))
      .get(),
  }
}

describe('the list of areas', () => {
  it('lists All Areas first as its own entry, then the 21 wards by name', async () => {
    const terms = await termCounts('/wards')
    assert.equal(terms.length, 22)
    assert.deepEqual(terms[0], { name: 'All Areas', href: '/wards/all-areas', count: '(1 consultation)' })
    assert.deepEqual(
      terms.slice(1).map((term) => term.name),
      [...terms.slice(1).map((term) => term.name)].sort(),
    )
  })

  it('counts a consultation for All Areas under every ward', async () => {
    const terms = await termCounts('/wards')
    const countOf = (name: string) => terms.find((term) => term.name === name)?.count
    assert.equal(countOf('Abbey'), '(3 consultations)')
    assert.equal(countOf('Braunstone Park & Rowley Fields'), '(2 consultations)')
    assert.equal(countOf('Troon'), '(1 consultation)')
  })

  it('links each ward by its slug, with "&" as "and"', async () => {
    const terms = await termCounts('/wards')
    assert.equal(
      terms.find((term) => term.name === 'Braunstone Park & Rowley Fields')?.href,
      '/wards/braunstone-park-and-rowley-fields',
    )
  })
})

describe('the lists of audiences and interests', () => {
  it('lists every audience with its count', async () => {
    const terms = await termCounts('/audiences')
    assert.equal(terms.length, 92)
    assert.equal(terms.find((term) => term.name === 'Carers')?.count, '(2 consultations)')
    assert.equal(terms.find((term) => term.name === 'Families with children')?.count, '(2 consultations)')
    assert.equal(terms.find((term) => term.name === 'Police')?.count, '(1 consultation)')
  })

  it('lists every interest with its count', async () => {
    const terms = await termCounts('/topics')
    assert.equal(terms.length, 52)
    assert.equal(terms.find((term) => term.name === 'Adult social care')?.count, '(2 consultations)')
    assert.equal(
      terms.find((term) => term.name === 'HR & Workforce Development')?.href,
      '/topics/hr-and-workforce-development',
    )
  })
})

describe('a term page', () => {
  for (const [path, heading, expected] of [
    ['/wards/abbey', 'Abbey', [PARKS, DRUGS, SUBSTANCE]],
    ['/wards/troon', 'Troon', [DRUGS]],
    ['/wards/all-areas', 'All Areas', [DRUGS]],
    ['/wards/braunstone-park-and-rowley-fields', 'Braunstone Park & Rowley Fields', [DRUGS, SUBSTANCE]],
    ['/audiences/carers', 'Carers', [DRUGS, SUBSTANCE]],
    ['/audiences/families-with-children', 'Families with children', [PARKS, DRUGS]],
    ['/topics/adult-social-care', 'Adult social care', [DRUGS, SUBSTANCE]],
    ['/topics/cemeteries', 'Cemeteries', [DRUGS]],
  ] as const) {
    it(`${path} lists exactly its consultations`, async () => {
      const { page, titles } = await titlesOn(path)
      assert.equal(fold(page('h1').text()), heading)
      assert.deepEqual(titles, expected)
    })
  }

  it('says a ward page includes consultations about the whole city', async () => {
    const { page } = await titlesOn('/wards/troon')
    assert.equal(fold(page('#result-count').text()), '1 consultation, including those about the whole city.')
  })

  it('links to the finder filtered by the term', async () => {
    const { page } = await titlesOn('/audiences/carers')
    assert.equal(page('a[href="/consultations?audience=carers"]').length, 1)
  })

  for (const path of [
    '/wards/no-such-ward',
    '/topics/UPPER',
    `/audiences/${'a'.repeat(300)}`,
    '/wards/%00',
    '/topics/abbey',
  ]) {
    it(`gives a 404 page for ${path.slice(0, 40)}`, async () => {
      const response = await request(context.app).get(path)
      assert.equal(response.status, 404)
      assert.equal(fold(parse(response.text)('h1').text()), 'Page not found')
    })
  }

  for (const query of ['page=-1', 'page=abc', 'page[]=2', `page=${'9'.repeat(400)}`, 'status=x']) {
    it(`ignores ${query.slice(0, 30)}`, async () => {
      const { titles } = await titlesOn(`/wards/abbey?${query}`)
      assert.equal(titles.length, 3)
    })
  }
})

describe('We asked, you said, we did', () => {
  it('lists every consultation with published feedback, newest first', async () => {
    const { page, titles } = await titlesOn('/we-asked-you-said-we-did')
    assert.deepEqual(titles, [SUBSTANCE])
    assert.match(textOf(page), /Feedback updated 19 March 2015/)
    assert.match(textOf(page), /We asked: An 8-week consultation/)
  })

  it('leaves out feedback that is not yet published, and orders by when feedback was updated', async () => {
    const { createServices } = await import('../../src/services')
    const { substanceMisuseServices2014 } = await import('../../seeds/data/substance-misuse-services-2014')
    const { consultationService } = createServices(context.db)
    const feedback = substanceMisuseServices2014.feedback!
    await consultationService.replaceConsultation({
      ...substanceMisuseServices2014,
      slug: 'newer-feedback',
      title: 'Newer feedback',
      feedback: { ...feedback, feedbackUpdatedAt: new Date('2016-01-01T00:00:00Z') },
    })
    await consultationService.replaceConsultation({
      ...substanceMisuseServices2014,
      slug: 'unpublished-feedback',
      title: 'Unpublished feedback',
      feedback: { ...feedback, publishedAt: null },
    })
    try {
      const { titles } = await titlesOn('/we-asked-you-said-we-did')
      assert.deepEqual(titles, ['Newer feedback', SUBSTANCE])
    } finally {
      await context.db('consultations').whereIn('slug', ['newer-feedback', 'unpublished-feedback']).delete()
    }
  })

  for (const query of ['page=-1', 'page=abc', 'page=5']) {
    it(`never fails with ${query}`, async () => {
      const response = await request(context.app).get(`/we-asked-you-said-we-did?${query}`)
      assert.equal(response.status, 200)
    })
  }
})
