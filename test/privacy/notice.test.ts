import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { fold, parse, textOf } from '../support/html'
import { createPrivacyFixture } from './purge-fixture'

const context = useTestApp({ now: () => new Date('2024-03-15T12:00:00Z') })

describe('the privacy notice', () => {
  before(async () => {
    await context.ready
    await createPrivacyFixture(context.db, 'privacy-notice')
    await context.db('consultations').where({ slug: 'privacy-notice' }).update({ retention_months: 6 })
  })

  it('lists each open or recent consultation with how long it keeps personal data and when it is deleted', async () => {
    const page = parse((await request(context.app).get('/privacy').expect(200)).text)
    assert.equal(fold(page('caption').text()), 'How long each open or recent consultation keeps personal information')
    const rows: string[][] = page('tbody tr')
      .map((_, row) => [
        page(row)
          .find('th, td')
          .map((__, cell) => fold(page(cell).text()))
          .get(),
      ])
      .get()
    const fixtureRow = rows.find((cells) => cells[0] === 'Fixture privacy-notice')
    assert.deepEqual(fixtureRow, [
      'Fixture privacy-notice',
      '1 March 2024',
      '6 months after it closes',
      '1 September 2024',
    ])
    assert.equal(page('a[href="/consultations/privacy-notice"]').length, 1)
    assert.ok(!rows.some((cells) => cells.join(' ').includes('2014')), 'no consultation whose data is already deleted')
  })

  it('says how to ask for a response to be deleted, by its reference', async () => {
    const page = parse((await request(context.app).get('/privacy').expect(200)).text)
    assert.match(textOf(page), /quote the response reference you were given when you responded\. It starts with ANON-/)
    assert.match(textOf(page), /We delete the whole response and all its answers, and it is taken out of the results/)
  })

  it('says a response is published only if the resident chose so, and when names are removed', async () => {
    const page = textOf(parse((await request(context.app).get('/privacy').expect(200)).text))
    assert.doesNotMatch(page, /never publish anything that could identify you/)
    assert.match(page, /We publish it only if you choose to, and only after a council officer has checked it\./)
    assert.match(page, /we remove your name and organisation at the end of the consultation's retention period/)
  })
})
