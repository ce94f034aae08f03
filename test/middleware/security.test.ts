import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import request from 'supertest'
import { govukFrontendDir } from '../../src/paths'
import { useTestApp } from '../support/app'

const context = useTestApp()

describe('Content Security Policy', () => {
  it("allows exactly the inline script in govuk-frontend's template, by its hash", async () => {
    const template = fs.readFileSync(path.join(govukFrontendDir, 'govuk/template.njk'), 'utf8')
    const inline = /<script[^>]*>([^<]+)<\/script>/.exec(template)![1]!
    const hash = crypto.createHash('sha256').update(inline).digest('base64')
    const response = await request(context.app).get('/').expect(200)
    const csp = response.headers['content-security-policy']!
    assert.match(csp, new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`))
    assert.doesNotMatch(csp, /unsafe-inline/)
  })

  it('sends no cookie on public pages, so they can be cached', async () => {
    const response = await request(context.app).get('/consultations/substance-misuse-services').expect(200)
    assert.equal(response.headers['set-cookie'], undefined)
  })

  it('serves hashed assets with a year-long immutable cache', async () => {
    const home = await request(context.app).get('/').expect(200)
    const stylesheet = /href="(\/assets\/app-[0-9a-f]{12}\.css)"/.exec(home.text)![1]!
    const asset = await request(context.app).get(stylesheet).expect(200)
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable')
  })
})
