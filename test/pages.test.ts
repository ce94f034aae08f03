import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from './support/app'
import { fold, parse } from './support/html'

const context = useTestApp()

describe('information pages', () => {
  const pages = [
    { path: '/accessibility', heading: 'Accessibility statement for Consultation Hub' },
    { path: '/privacy', heading: 'Privacy notice' },
    { path: '/cookies', heading: 'Cookies' },
  ]
  for (const { path, heading } of pages) {
    it(`${path} shows "${heading}" and is linked from the footer`, async () => {
      const page = parse((await request(context.app).get(path).expect(200)).text)
      assert.equal(fold(page('h1').text()), heading)
      assert.equal(page(`footer a[href="${path}"]`).length, 1)
    })
  }

  it('the cookies page names the one cookie the site sets', async () => {
    const page = parse((await request(context.app).get('/cookies').expect(200)).text)
    assert.match(fold(page('table').text()), /hub\.sid/)
  })
})

describe('errors', () => {
  it('an unknown path gets the GOV.UK-style 404 page', async () => {
    const response = await request(context.app).get('/no/such/page').expect(404)
    assert.equal(fold(parse(response.text)('h1').text()), 'Page not found')
  })

  it('a POST without a CSRF token gets a friendly 403 page', async () => {
    const response = await request(context.app).post('/').type('form').send({ anything: 'x' }).expect(403)
    assert.equal(fold(parse(response.text)('h1').text()), 'Sorry, your form could not be sent')
  })

  it('a malformed body gets a 400 page, not a 500', async () => {
    const response = await request(context.app)
      .post('/')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('a=%E0%A4%A')
    assert.ok(response.status === 400 || response.status === 403, `status ${response.status}`)
  })
})
