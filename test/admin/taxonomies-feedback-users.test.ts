import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { csrfTokenFrom, postForm, signIn, signInAs } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()

describe('managing wards, audiences and topics', () => {
  let editor: TestAgent
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
  })

  it('adds a term, and refuses an empty or duplicate name', async () => {
    assert.equal(
      (
        await postForm(editor, '/admin/taxonomies/topics', '/admin/taxonomies/topics', {
          name: 'Libraries and archives',
        })
      ).status,
      303,
    )
    assert.ok(await context.db('topics').where({ slug: 'libraries-and-archives' }).first())
    const empty = await postForm(editor, '/admin/taxonomies/topics', '/admin/taxonomies/topics', { name: '  ' })
    assert.equal(empty.status, 400)
    assert.equal(parse(empty.text)('.govuk-error-summary a[href="#name"]').length, 1)
    const duplicate = await postForm(editor, '/admin/taxonomies/topics', '/admin/taxonomies/topics', {
      name: 'Libraries and archives',
    })
    assert.match(fold(parse(duplicate.text)('#name-error').text()), /already exists/)
    assert.equal(parse(duplicate.text)('#name').attr('value'), 'Libraries and archives')
  })

  it('renames a term, keeping its slug', async () => {
    const term = await context.db('topics').where({ slug: 'libraries-and-archives' }).first('id')
    assert.equal(
      (
        await postForm(editor, '/admin/taxonomies/topics', `/admin/taxonomies/topics/${term.id}/rename`, {
          name: 'Libraries',
        })
      ).status,
      303,
    )
    assert.equal((await context.db('topics').where({ id: term.id }).first()).name, 'Libraries')
  })

  it('will not delete a term in use, only retire it; retired terms leave the form', async () => {
    const used = await context
      .db('wards')
      .join('consultation_wards', 'consultation_wards.ward_id', 'wards.id')
      .first('wards.id', 'wards.slug')
    const refused = await postForm(editor, '/admin/taxonomies/wards', `/admin/taxonomies/wards/${used.id}/delete`)
    assert.equal(refused.status, 400)
    assert.match(textOf(parse(refused.text), '.govuk-error-summary'), /can only be retired/)
    assert.ok(await context.db('wards').where({ id: used.id }).first())
    assert.equal(
      (await postForm(editor, '/admin/taxonomies/wards', `/admin/taxonomies/wards/${used.id}/retire`)).status,
      303,
    )
    const form = parse((await editor.get('/admin/consultations/new').expect(200)).text)
    assert.equal(form(`input[name="wards"][value="${used.slug}"]`).length, 0)
    await postForm(editor, '/admin/taxonomies/wards', `/admin/taxonomies/wards/${used.id}/restore`)
    assert.equal((await context.db('wards').where({ id: used.id }).first()).retired_at, null)
  })

  it('deletes an unused term', async () => {
    const term = await context.db('topics').where({ slug: 'libraries-and-archives' }).first('id')
    assert.equal(
      (await postForm(editor, '/admin/taxonomies/topics', `/admin/taxonomies/topics/${term.id}/delete`)).status,
      303,
    )
    assert.equal(await context.db('topics').where({ id: term.id }).first(), undefined)
  })

  it('gives a 404 for an unknown taxonomy', async () => {
    await editor.get('/admin/taxonomies/planets').expect(404)
  })
})

describe('We asked, you said, we did', () => {
  let editor: TestAgent
  let id: number
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    id = (await context.db('consultations').where({ slug: 'leicesters-drug-strategy-consultation' }).first('id')).id
  })
  const path = () => `/admin/consultations/${id}/feedback`

  it('shows errors for missing parts and a bad date, keeping input', async () => {
    const response = await postForm(editor, path(), path(), {
      weAsked: 'We asked things',
      youSaid: '',
      weDid: '',
      'resultsUpdated-day': '40',
      'resultsUpdated-month': '1',
      'resultsUpdated-year': '2026',
    })
    assert.equal(response.status, 400)
    const page = parse(response.text)
    assert.deepEqual(
      page('.govuk-error-summary a')
        .map((_, el) => page(el).attr('href'))
        .get(),
      ['#youSaid', '#weDid', '#resultsUpdated-day'],
    )
    assert.equal(page('#weAsked').text(), 'We asked things')
  })

  it('saves sanitised feedback, publishes it to the overview and home page, and unpublishes it', async () => {
    const fields = {
      weAsked: 'We asked about **drugs**.',
      youSaid: 'You said <script>alert(1)</script> plenty.',
      weDid: 'We did [this](javascript:alert(1)).',
      'resultsUpdated-day': '2',
      'resultsUpdated-month': '3',
      'resultsUpdated-year': '2026',
    }
    assert.equal((await postForm(editor, path(), path(), fields)).status, 303)
    let overview = parse(
      (await request(context.app).get('/consultations/leicesters-drug-strategy-consultation').expect(200)).text,
    )
    assert.equal(overview('#feedback-heading').length, 0, 'not public until published')
    assert.equal((await postForm(editor, path(), `${path()}/publish`)).status, 303)
    overview = parse(
      (await request(context.app).get('/consultations/leicesters-drug-strategy-consultation').expect(200)).text,
    )
    assert.match(textOf(overview), /We asked We asked about drugs\./)
    assert.match(textOf(overview), /Results updated 2 March 2026/)
    assert.equal(overview('main script').length, 0)
    assert.equal(overview('a[href^="javascript"]').length, 0)
    const home = parse((await request(context.app).get('/').expect(200)).text)
    assert.match(fold(home('#we-asked-you-said-we-did').next('ul').text()), /Leicester's Drug Strategy Consultation/)
    assert.equal((await postForm(editor, path(), `${path()}/unpublish`)).status, 303)
    overview = parse(
      (await request(context.app).get('/consultations/leicesters-drug-strategy-consultation').expect(200)).text,
    )
    assert.doesNotMatch(textOf(overview), /We asked about drugs/)
  })
})

describe('managing users', () => {
  let admin: TestAgent
  before(async () => {
    admin = (await signInAs(context.app, context.db, 'admin')).agent
  })

  it('invites a user with a one-time link that sets a password once', async () => {
    const invited = await postForm(admin, '/admin/users/new', '/admin/users/new', {
      displayName: 'Pat Officer',
      email: 'Pat@Council.test',
      role: 'editor',
    })
    assert.equal(invited.status, 200)
    const link = new URL(fold(parse(invited.text)('#one-time-link').text()))
    const visitor = request.agent(context.app)
    const weak = await postForm(visitor, link.pathname, link.pathname, {
      password: 'password1234',
      confirmPassword: 'password1234',
    })
    assert.equal(weak.status, 400)
    assert.match(fold(parse(weak.text)('#password-error').text()), /too common/)
    const short = await postForm(visitor, link.pathname, link.pathname, { password: 'short', confirmPassword: 'short' })
    assert.match(fold(parse(short.text)('#password-error').text()), /at least 12 characters/)
    const set = await postForm(visitor, link.pathname, link.pathname, {
      password: 'purple kettle harbour',
      confirmPassword: 'purple kettle harbour',
    })
    assert.equal(set.status, 303)
    assert.equal((await request(context.app).get(link.pathname)).status, 404, 'the link works once')
    const signedIn = await signIn(request.agent(context.app), 'pat@council.test', 'purple kettle harbour')
    assert.equal(signedIn.headers.location, '/admin')
  })

  it('shows errors on the invite form and refuses a duplicate email', async () => {
    const response = await postForm(admin, '/admin/users/new', '/admin/users/new', {
      displayName: '',
      email: 'bad',
      role: 'boss',
    })
    const page = parse(response.text)
    assert.deepEqual(
      page('.govuk-error-summary a')
        .map((_, el) => page(el).attr('href'))
        .get(),
      ['#displayName', '#email', '#role'],
    )
    const duplicate = await postForm(admin, '/admin/users/new', '/admin/users/new', {
      displayName: 'Pat',
      email: 'pat@council.test',
      role: 'analyst',
    })
    assert.match(fold(parse(duplicate.text)('#email-error').text()), /already exists/)
  })

  it('changes a role, which takes effect at once', async () => {
    const { agent, user } = await signInAs(context.app, context.db, 'analyst')
    await agent.get('/admin/consultations/new').expect(403)
    assert.equal(
      (await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/role`, { role: 'editor' })).status,
      303,
    )
    await agent.get('/admin/consultations/new').expect(200)
  })

  it('issues a password reset link that expires', async () => {
    const { user } = await signInAs(context.app, context.db, 'analyst')
    const response = await postForm(admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/reset-password`)
    const link = new URL(fold(parse(response.text)('#one-time-link').text()))
    await request(context.app).get(link.pathname).expect(200)
    await context
      .db('users')
      .where({ id: user.id })
      .update({ password_reset_expires_at: new Date(Date.now() - 1000) })
    await request(context.app).get(link.pathname).expect(404)
  })

  it('requires two-factor sign-in for everyone when an admin says so', async () => {
    const { agent } = await signInAs(context.app, context.db, 'editor')
    assert.equal((await postForm(admin, '/admin/settings', '/admin/settings', { requireTwoFactor: 'yes' })).status, 303)
    const response = await agent.get('/admin/consultations')
    assert.equal(response.headers.location, '/admin/account/two-factor')
    assert.equal((await admin.get('/admin/users')).headers.location, '/admin/account/two-factor', 'admins too')
    await admin.get('/admin/account/two-factor').expect(200)
    await context.db('site_settings').where({ key: 'require_two_factor' }).delete()
    await agent.get('/admin/consultations').expect(200)
  })

  it('lets admins read the audit log filtered by user', async () => {
    const me = await context.db('users').orderBy('id', 'desc').first('id')
    const page = parse((await admin.get(`/admin/audit?user=${me.id}`).expect(200)).text)
    assert.ok(page('tbody tr').length > 0)
    await admin.get('/admin/audit?user=abc&consultation=-1').expect(200)
  })

  it('refuses to leave the site without an active admin', async () => {
    await context.db('users').where({ role: 'admin' }).whereNot({ email: 'pat@council.test' }).update({ active: false })
    const last = await signInAs(context.app, context.db, 'admin')
    await context.db('users').where({ role: 'admin' }).whereNot({ id: last.user.id }).update({ active: false })
    const _csrf = await csrfTokenFrom(last.agent, `/admin/users/${last.user.id}`)
    const response = await last.agent.post(`/admin/users/${last.user.id}/deactivate`).type('form').send({ _csrf })
    assert.equal(response.status, 400)
    assert.match(textOf(parse(response.text), '.govuk-error-summary'), /at least one active admin/)
  })
})
