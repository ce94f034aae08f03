import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { TAXONOMY_PARAMS } from '../../src/consultations/finder-service'
import { JOIN_TABLES } from '../../src/consultations/repository'
import { TAXONOMIES } from '../../src/consultations/types'
import { useTestApp } from '../support/app'
import { fold, parse } from '../support/html'

const context = useTestApp()

describe('feeds of the ward, audience and topic pages', () => {
  for (const taxonomy of TAXONOMIES) {
    it(`the ${TAXONOMY_PARAMS[taxonomy]} pages offer the finder's feed of its consultations`, async () => {
      const { table, termColumn } = JOIN_TABLES[taxonomy]
      const term = await context
        .db(taxonomy)
        .join(table, `${table}.${termColumn}`, `${taxonomy}.id`)
        .join('consultations', 'consultations.id', `${table}.consultation_id`)
        .whereNotNull('consultations.published_at')
        .first<{ slug: string }>(`${taxonomy}.slug`)
      const page = parse((await request(context.app).get(`/${taxonomy}/${term.slug}`).expect(200)).text)
      const feedHref = `/consultations.atom?${TAXONOMY_PARAMS[taxonomy]}=${term.slug}`
      assert.equal(page('link[rel="alternate"][type="application/atom+xml"]').attr('href'), feedHref)
      assert.equal(page('a:contains("Subscribe to a feed of these consultations")').attr('href'), feedHref)

      const listed = page('.app-consultation-list__title')
        .map((_, el) => fold(page(el).text()))
        .get()
      const feed = await request(context.app).get(feedHref).expect(200)
      assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/)
      const entries = parse(feed.text)('entry > title')
        .map((_, el) => fold(parse(feed.text)(el).text()))
        .get()
      assert.ok(listed.length > 0)
      assert.deepEqual([...entries].sort(), [...listed].sort(), 'the feed has the page’s consultations')
    })
  }
})
