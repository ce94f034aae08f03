import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { SETUP_LINK_LIFETIME_MS } from '../../src/admin/setup/service'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, postForm, signIn } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()
const PASSWORD = 'violet harbour lantern 77'
const FIRST_ADMIN = { displayName: 'Ada First', email: 'Ada.First@council.test' }

/** A set-up link's path, as a server start issues it (null once there is an officer). */
async function issueLink(now?: () => Date): Promise<string | null> {
  const token = await createServices(context.db, { now }).setupService.issueTokenIfNoOfficer()
  return token === null ? null : `/admin/setup/${token}`
}

/** Each field's message and the error summary's links, as a GOV.UK form shows them. */
function errorsOn(html: string) {
  const page = parse(html)
  return {
    summary: page('.govuk-error-summary a')
      .map((_, link) => page(link).attr('href'))
      .get(),
    fields: Object.fromEntries(
      page('.govuk-error-message')
        .map((_, message) => [
          [
            page(message)
              .attr('id')
              ?.replace(/-error$/, ''),
            fold(page(message).text()),
          ],
        ])
        .get(),
    ),
  }
}

describe('the first admin, from the set-up link a server start logs', () => {
  let link: string
  let otherInstanceLink: string

  before(async () => {
    await context.ready
    assert.equal(await context.db('users').first('id'), undefined, 'the seeded database has no officer')
    link = (await issueLink())!
    otherInstanceLink = (await issueLink())!
    assert.ok(link && otherInstanceLink && link !== otherInstanceLink)
  })

  it('shows the form', async () => {
    const response = await request(context.app).get(link).expect(200)
    const page = parse(response.text)
    assert.equal(fold(page('h1').text()), 'Create the first admin account')
    for (const field of ['displayName', 'email', 'password', 'confirmPassword'])
      assert.equal(page(`form input[name="${field}"]`).length, 1, field)
    assert.equal(response.headers['cache-control'], 'no-store')
  })

  it('refuses a form without its CSRF token', async () => {
    const response = await request(context.app)
      .post(link)
      .type('form')
      .send({ ...FIRST_ADMIN, password: PASSWORD, confirmPassword: PASSWORD })
    assert.equal(response.status, 403)
    assert.equal(await context.db('users').first('id'), undefined)
  })

  it('shows each problem next to its field, keeping what was typed but the passwords', async () => {
    const agent = request.agent(context.app)
    const empty = await postForm(agent, link, link, { displayName: '', email: '', password: '', confirmPassword: '' })
    assert.equal(empty.status, 400)
    assert.deepEqual(errorsOn(empty.text), {
      summary: ['#displayName', '#email', '#password'],
      fields: {
        displayName: 'Error: Enter your name',
        email: 'Error: Enter your email address',
        password: 'Error: Enter a password',
      },
    })

    const mismatched = await postForm(agent, link, link, {
      ...FIRST_ADMIN,
      email: 'not an email',
      password: PASSWORD,
      confirmPassword: 'something else',
    })
    assert.deepEqual(errorsOn(mismatched.text).fields, {
      email: 'Error: Enter an email address in the correct format, like name@example.com',
      confirmPassword: 'Error: Passwords do not match',
    })
    assert.equal(parse(mismatched.text)('#displayName').val(), FIRST_ADMIN.displayName)
    assert.equal(parse(mismatched.text)('#password').val(), undefined)

    const weak = await postForm(agent, link, link, {
      ...FIRST_ADMIN,
      password: 'password1234',
      confirmPassword: 'password1234',
    })
    assert.equal(weak.status, 400)
    assert.deepEqual(errorsOn(weak.text).fields, {
      password: 'Error: Password is too common or easy to guess. Try three random words',
    })
    assert.equal(await context.db('users').first('id'), undefined, 'no account from a form with problems')
  })

  it('makes an admin of a good form, signs them in and audits it', async () => {
    const agent = request.agent(context.app)
    const created = await postForm(agent, link, link, { ...FIRST_ADMIN, password: PASSWORD, confirmPassword: PASSWORD })
    assert.equal(created.status, 303)
    assert.equal(created.headers.location, '/admin')
    const home = await agent.get('/admin').expect(200)
    assert.match(textOf(parse(home.text)), /Your admin account is ready/)
    assert.match(fold(parse(home.text)('.app-sign-out').text()), /Signed in as ada\.first@council\.test \(admin\)/)

    const users = await context.db('users').select('id', 'email', 'display_name', 'role', 'active')
    assert.deepEqual(
      users.map(({ email, display_name, role, active }) => ({ email, display_name, role, active })),
      [{ email: 'ada.first@council.test', display_name: 'Ada First', role: 'admin', active: true }],
    )
    const audit = await context.db('audit_log').where({ entity_type: 'user', entity_id: String(users[0].id) })
    assert.deepEqual(audit.map((row) => row.action).sort(), ['auth.sign-in', 'user.first-admin'])
    assert.equal(
      await context
        .db('setup_tokens')
        .count({ count: '*' })
        .first()
        .then((row) => Number(row?.count)),
      0,
    )
    assert.equal((await signIn(request.agent(context.app), FIRST_ADMIN.email, PASSWORD)).status, 303)
  })

  it('then works no more: that link, every other link and any new one are gone (404)', async () => {
    for (const used of [link, otherInstanceLink]) {
      const visitor = request.agent(context.app)
      assert.equal((await visitor.get(used)).status, 404)
      const _csrf = await csrfTokenFrom(visitor, '/admin/sign-in')
      const again = await visitor.post(used).type('form').send({
        _csrf,
        displayName: 'Mallory',
        email: 'mallory@example.org',
        password: PASSWORD,
        confirmPassword: PASSWORD,
      })
      assert.equal(again.status, 404)
      assert.doesNotMatch(again.text, /Create the first admin account/)
    }
    assert.equal(await issueLink(), null, 'a server start issues no link once there is an officer')
    assert.equal(
      await context
        .db('users')
        .count({ count: '*' })
        .first()
        .then((row) => Number(row?.count)),
      1,
    )
  })
})

describe('a set-up link while there is still no officer', () => {
  it('has expired after an hour, and says how to get a new one', async () => {
    await context.ready
    await context.db('users').delete()
    const hourAgo = () => new Date(Date.now() - SETUP_LINK_LIFETIME_MS - 1000)
    const expired = (await issueLink(hourAgo))!
    const response = await request(context.app).get(expired)
    assert.equal(response.status, 404)
    assert.match(textOf(parse(response.text)), /This set-up link has expired.*Restart the server/)
    assert.equal((await request(context.app).get('/admin/setup/not-a-token')).status, 404)
  })
})
