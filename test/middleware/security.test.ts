import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import type { Knex } from 'knex'
import request from 'supertest'
import type { Response } from 'supertest'
import { govukFrontendDir } from '../../src/paths'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { signInAs } from '../support/auth'

const context = useTestApp()
const SAMPLE_SLUG = 'sample-consultation-parks-and-green-spaces'
const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-more-than-32-characters' }
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex',
)

/** A document of a published consultation, stored as an officer's upload is. */
async function storeDocument(db: Knex): Promise<string> {
  const { id } = await db('consultations').where({ slug: SAMPLE_SLUG }).first<{ id: number }>('id')
  const [row] = await db('consultation_documents')
    .insert({
      consultation_id: id,
      position: 99,
      title: 'Map',
      filename: 'map.png',
      content_type: 'image/png',
      size_bytes: PNG.length,
      content: PNG,
    })
    .returning<{ id: number }[]>('id')
  return `/consultations/${SAMPLE_SLUG}/documents/${row!.id}`
}

const cspDirectives = (csp: string) =>
  new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values] as const
    }),
  )

/** What a browser is told on every response that a person may open: the headers that limit what it may do. */
function assertSecurityHeaders(kind: string, response: Response) {
  const csp = response.headers['content-security-policy'] ?? ''
  const directives = cspDirectives(csp)
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, kind)
  const scriptSources = directives.get('script-src') ?? directives.get('default-src')
  const styleSources = directives.get('style-src') ?? directives.get('default-src')
  for (const sources of [scriptSources, styleSources])
    assert.ok(
      sources?.every((source) => ["'self'", "'none'"].includes(source) || source.startsWith("'sha256-")),
      kind,
    )
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], kind)
  assert.match(response.headers['strict-transport-security'] ?? '', /max-age=\d{8,}/, kind)
  assert.equal(response.headers['x-content-type-options'], 'nosniff', kind)
  assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin', kind)
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
    assert.match(response.headers['permissions-policy'] ?? '', new RegExp(`(^|, )${feature}=\\(\\)`), kind)
}

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
    assert.equal(asset.headers['x-content-type-options'], 'nosniff', 'assets carry the security headers too')
    assert.match(asset.headers['content-security-policy'] ?? '', /default-src 'self'/)
    const missing = await request(context.app).get('/assets/no-such-file.css')
    assert.equal(missing.headers['x-content-type-options'], 'nosniff')
  })
})

describe('security headers', () => {
  let agent: Awaited<ReturnType<typeof signInAs>>['agent']
  before(async () => {
    await context.ready
    agent = (await signInAs(context.app, context.db, 'analyst')).agent
  })

  it('are on a public page, an admin page, an export download and an uploaded document', async () => {
    const documentPath = await storeDocument(context.db)
    const responses: [string, Response][] = [
      ['public page', await request(context.app).get(`/consultations/${SAMPLE_SLUG}`).expect(200)],
      ['survey page', await request(context.app).get(`/consultations/${SAMPLE_SLUG}/survey/your-visits`).expect(200)],
      ['admin page', await agent.get('/admin').expect(200)],
      ['export download', await agent.get(`/admin/consultations/${SAMPLE_SLUG}/exports/responses.csv`).expect(200)],
      ['document download', await request(context.app).get(documentPath).expect(200)],
    ]
    for (const [kind, response] of responses) assertSecurityHeaders(kind, response)
  })
})

describe('the production app', () => {
  it('sends its session cookie Secure, HttpOnly and SameSite=Lax, with HSTS, behind an HTTPS proxy', async () => {
    await context.ready
    const app = appWithAllRoutes(context.db, { env: { ...PRODUCTION, TRUST_PROXY: 'loopback' } })
    const response = await request(app).get('/admin/sign-in').set('X-Forwarded-Proto', 'https').expect(200)
    const [cookie] = response.headers['set-cookie'] as unknown as string[]
    assert.match(cookie ?? '', /^hub\.sid=/)
    const flags = (cookie ?? '').split(';').map((flag) => flag.trim().toLowerCase())
    for (const flag of ['secure', 'httponly', 'samesite=lax']) assert.ok(flags.includes(flag), `${flag} in ${cookie}`)
    assertSecurityHeaders('production page', response)
  })

  it("sends a survey page's CSRF cookie as __Host-, Secure, HttpOnly, SameSite=Lax, no session cookie", async () => {
    await context.ready
    const app = appWithAllRoutes(context.db, { env: { ...PRODUCTION, TRUST_PROXY: 'loopback' } })
    const response = await request(app)
      .get(`/consultations/${SAMPLE_SLUG}/survey/your-visits`)
      .set('X-Forwarded-Proto', 'https')
      .expect(200)
    const cookies = response.headers['set-cookie'] as unknown as string[]
    assert.equal(cookies.length, 1)
    const flags = (cookies[0] ?? '').split(';').map((flag) => flag.trim().toLowerCase())
    assert.match(flags[0] ?? '', /^__host-hub\.csrf=/)
    for (const flag of ['secure', 'httponly', 'samesite=lax', 'path=/']) assert.ok(flags.includes(flag), flag)
  })
})
