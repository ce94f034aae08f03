import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../src/config'

describe('configuration', () => {
  it('defaults to the embedded database in ./data', () => {
    const config = loadConfig({})
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: './data' })
    assert.equal(config.councilName, 'Leicester City Council')
  })

  it('uses PostgreSQL when DATABASE_URL is set, and treats an empty one as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/hub' }).database.kind, 'postgres')
    assert.equal(loadConfig({ DATABASE_URL: '' }).database.kind, 'pglite')
  })

  it('names the setting that is wrong', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
    assert.throws(() => loadConfig({ BASE_URL: 'not a url' }), /BASE_URL/)
  })

  it('refuses to start in production without a session secret', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET must be set in production/)
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    assert.equal(config.session.secureCookies, true)
  })
})

describe('mail configuration', () => {
  it('is off without SMTP_URL, and names the site in the default sender', () => {
    assert.equal(loadConfig({}).mail, null)
    const config = loadConfig({
      SMTP_URL: 'smtp://mail.example.org:587',
      SITE_NAME: 'Have your say',
      BASE_URL: 'https://consult.example.gov.uk',
    })
    assert.deepEqual(config.mail, {
      smtpUrl: 'smtp://mail.example.org:587',
      from: 'Have your say <no-reply@consult.example.gov.uk>',
    })
    assert.equal(
      loadConfig({ SMTP_URL: 'smtps://mail.example.org', MAIL_FROM: 'Consultations <consult@example.gov.uk>' }).mail
        ?.from,
      'Consultations <consult@example.gov.uk>',
    )
  })

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    assert.throws(() => loadConfig({ SMTP_URL: 'https://mail.example.org' }), /SMTP_URL/)
  })
})
