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

  it('points links at the port the server listens on without BASE_URL, and needs BASE_URL in production', () => {
    assert.equal(loadConfig({}).baseUrl, 'http://localhost:3000')
    assert.equal(loadConfig({ PORT: '8080' }).baseUrl, 'http://localhost:8080')
    assert.equal(
      loadConfig({ PORT: '8080', BASE_URL: 'https://consult.example.gov.uk/' }).baseUrl,
      'https://consult.example.gov.uk',
    )
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TRUST_PROXY: '1' }
    assert.throws(() => loadConfig(production), /BASE_URL must be set in production/)
  })

  it('bounds database waits: connections, statements, and stalled export downloads', () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://db/hub', DATABASE_ACQUIRE_TIMEOUT_MS: '1000' })
    assert.deepEqual(postgres.database, {
      kind: 'postgres',
      url: 'postgres://db/hub',
      pool: { max: 10, acquireTimeoutMs: 1000, statementTimeoutMs: 30_000 },
      exportPoolMax: 2,
    })
    assert.equal(postgres.exportStallTimeoutMs, 60_000)
    assert.equal(loadConfig({ EXPORT_STALL_TIMEOUT_MS: '5000' }).exportStallTimeoutMs, 5000)
    assert.throws(() => loadConfig({ DATABASE_POOL_MAX: '0' }), /DATABASE_POOL_MAX/)
  })

  it('names the setting that is wrong', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
    assert.throws(() => loadConfig({ BASE_URL: 'not a url' }), /BASE_URL/)
  })

  it('refuses to start in production without a session secret of at least 32 characters', () => {
    const production = { NODE_ENV: 'production', TRUST_PROXY: '0', BASE_URL: 'https://consult.example.gov.uk' }
    assert.throws(() => loadConfig(production), /SESSION_SECRET must be set in production/)
    assert.throws(() => loadConfig({ ...production, SESSION_SECRET: 'x'.repeat(31) }), /SESSION_SECRET/)
    const config = loadConfig({ ...production, SESSION_SECRET: 'x'.repeat(40) })
    assert.equal(config.session.secureCookies, true)
  })

  it('refuses to start in production until TRUST_PROXY says whether a proxy is in front', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      BASE_URL: 'https://consult.example.gov.uk',
    }
    assert.throws(() => loadConfig(production), /TRUST_PROXY must be set in production/)
    assert.equal(loadConfig({ ...production, TRUST_PROXY: '0' }).trustProxy, 0)
    assert.equal(loadConfig({ ...production, TRUST_PROXY: 'false' }).trustProxy, 0)
  })

  it('sends cookies over HTTPS only in production, whatever SECURE_COOKIES says', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      TRUST_PROXY: '1',
      BASE_URL: 'https://consult.example.gov.uk',
    }
    assert.throws(() => loadConfig({ ...production, SECURE_COOKIES: 'false' }), /SECURE_COOKIES cannot be false/)
    assert.equal(loadConfig({ SECURE_COOKIES: 'false' }).session.secureCookies, false)
  })

  it("takes TRUST_PROXY as a hop count or the proxies' addresses and subnets, and refuses `true`", () => {
    assert.equal(loadConfig({}).trustProxy, 0)
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2)
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy, ['loopback'])
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,::1' }).trustProxy, [
      '10.0.0.5',
      '172.16.0.0/12',
      '::1',
    ])
    for (const bad of ['true', 'proxy.example.org', '10.0.0.0/33', '-1'])
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY/, bad)
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
