import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { currentTotp } from '../../src/admin/auth/totp'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { createUser, csrfTokenFrom, postForm, signIn, signInAs, TEST_PASSWORD } from '../support/auth'
import { fold, parse } from '../support/html'

const context = useTestApp()
const sessionCookie = (cookies: string[] | string | undefined) =>
  [cookies ?? []]
    .flat()
    .find((c) => c.startsWith('hub.sid='))
    ?.split(';')[0]

describe('signing in', () => {
  it('sends signed-out officers to the sign-in page', async () => {
    const response = await request(context.app).get('/admin/consultations')
    assert.equal(response.status, 302)
    assert.equal(response.headers.location, '/admin/sign-in')
  })

  it('gives a new session id at sign-in (no session fixation)', async () => {
    const agent = request.agent(context.app)
    const user = await createUser(context.db, 'editor')
    const page = await agent.get('/admin/sign-in')
    const before = sessionCookie(page.headers['set-cookie'])
    assert.ok(before, 'the sign-in page starts a session')
    const token = parse(page.text)('input[name="_csrf"]').attr('value')!
    const response = await agent
      .post('/admin/sign-in')
      .type('form')
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD })
    const after = sessionCookie(response.headers['set-cookie'])
    assert.ok(after)
    assert.notEqual(after, before)
    assert.equal((await agent.get('/admin').expect(200)).headers['cache-control'], 'no-store')
  })

  it('shows the same message for a wrong password and for an unknown account', async () => {
    const user = await createUser(context.db, 'analyst')
    const wrong = await signIn(request.agent(context.app), user.email, 'not the password at all')
    const unknown = await signIn(request.agent(context.app), 'nobody@council.test', 'not the password at all')
    assert.equal(wrong.status, 401)
    assert.equal(unknown.status, 401)
    const message = (html: string) => fold(parse(html)('.govuk-error-summary').text())
    assert.equal(message(wrong.text), message(unknown.text))
    assert.match(message(wrong.text), /Enter a correct email address and password/)
  })

  it('shows a GOV.UK error summary linking to the field, and keeps the email entered', async () => {
    const agent = request.agent(context.app)
    const _csrf = await csrfTokenFrom(agent, '/admin/sign-in')
    const response = await agent
      .post('/admin/sign-in')
      .type('form')
      .send({ _csrf, email: 'not-an-email', password: '' })
    assert.equal(response.status, 400)
    const page = parse(response.text)
    assert.match(page('title').text(), /^Error: /)
    assert.equal(page('.govuk-error-summary a[href="#email"]').length, 1)
    assert.equal(page('.govuk-error-summary a[href="#password"]').length, 1)
    assert.match(fold(page('#email-error').text()), /correct format/)
    assert.equal(page('#email').attr('value'), 'not-an-email')
  })

  it('refuses a POST without a CSRF token', async () => {
    const response = await request(context.app)
      .post('/admin/sign-in')
      .type('form')
      .send({ email: 'a@b.test', password: 'x' })
    assert.equal(response.status, 403)
  })

  it('signs out and destroys the session', async () => {
    const { agent } = await signInAs(context.app, context.db, 'analyst')
    const out = await postForm(agent, '/admin', '/admin/sign-out')
    assert.equal(out.status, 303)
    assert.equal((await agent.get('/admin')).status, 302)
  })
})

describe('backing off failed sign-ins across two app instances', () => {
  it('refuses the right password from the same address after 5 failures shared between instances', async () => {
    const other = appWithAllRoutes(context.db)
    const user = await createUser(context.db, 'editor')
    const statuses: number[] = []
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const app = attempt % 2 === 0 ? context.app : other
      statuses.push((await signIn(request.agent(app), user.email, `wrong password ${attempt}`)).status)
    }
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401])
    const locked = await signIn(request.agent(other), user.email, TEST_PASSWORD)
    assert.equal(locked.status, 429)
    assert.match(fold(parse(locked.text)('.govuk-error-summary').text()), /Too many attempts/)
    const elsewhere = await signIn(request.agent(context.app), user.email, TEST_PASSWORD)
    assert.equal(elsewhere.status, 429)
  })
})

describe('deactivated users', () => {
  it('are signed out at once', async () => {
    const { agent, user } = await signInAs(context.app, context.db, 'editor')
    const { agent: admin } = await signInAs(context.app, context.db, 'admin')
    await agent.get('/admin').expect(200)
    const response = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/deactivate`)
    assert.equal(response.status, 303)
    assert.equal((await agent.get('/admin')).status, 302)
    assert.equal((await signIn(request.agent(context.app), user.email)).status, 401)
  })
})

describe('two-factor sign-in', () => {
  it('is set up with a QR code and the secret as text, then asked at sign-in; recovery codes work once', async () => {
    const { agent, user } = await signInAs(context.app, context.db, 'analyst')
    const setup = parse((await agent.get('/admin/account/two-factor').expect(200)).text)
    assert.equal(setup('.app-qr-code svg').length, 1)
    const secret = setup('.app-secret').text().replace(/\s+/g, '')
    assert.match(secret, /^[A-Z2-7]{32}$/)
    const bad = await postForm(agent, '/admin/account/two-factor', '/admin/account/two-factor', { code: '000000' })
    assert.equal(bad.status, 400)
    assert.equal(parse(bad.text)('.govuk-error-summary a[href="#code"]').length, 1)
    const on = await postForm(agent, '/admin/account/two-factor', '/admin/account/two-factor', {
      code: currentTotp(secret, new Date()),
    })
    const codes = parse(on.text)('#recovery-codes li')
      .map((_, el) => parse(on.text)(el).text())
      .get()
    assert.equal(codes.length, 10)
    const rows = await context.db('user_recovery_codes').where({ user_id: user.id })
    assert.ok(
      rows.every((row) => !codes.includes(row.code_hash)),
      'only hashes are stored',
    )

    const next = request.agent(context.app)
    const first = await signIn(next, user.email)
    assert.equal(first.headers.location, '/admin/sign-in/two-factor')
    assert.equal((await next.get('/admin')).status, 302, 'not signed in before the second factor')
    const done = await postForm(next, '/admin/sign-in/two-factor', '/admin/sign-in/two-factor', { code: codes[0]! })
    assert.equal(done.headers.location, '/admin')
    await next.get('/admin').expect(200)

    const again = request.agent(context.app)
    await signIn(again, user.email)
    const reused = await postForm(again, '/admin/sign-in/two-factor', '/admin/sign-in/two-factor', { code: codes[0]! })
    assert.equal(reused.status, 401)
  })
})
