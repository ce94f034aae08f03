import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import request from 'supertest'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { htmlErrorsIn } from '../browser/browser'
import { signInAs } from '../support/auth'
import { appWithAllRoutes, TEST_BASE_URL, testConfig, useTestApp } from '../support/app'
import { fold, parse } from '../support/html'
import { tablesContaining } from '../support/database'
import { NOTIFY_ENV, useNotifyServer } from '../support/notify'
import { useSmtpServer } from '../support/smtp'
import {
  answerPages,
  csrfTokenOf,
  fullPath,
  newAgent,
  SAMPLE_SLUG,
  SURVEY,
  submitFromCheck,
} from '../surveys/journey-helpers'

const context = useTestApp()
const smtp = useSmtpServer()

type Env = Record<string, string>

/** Pages seen along the way, checked with html-validate at the end (the browser test reaches only GET pages). */
const pages: Record<string, string> = {}

/** Another instance's scheduled worker, sending what is due. */
const runWorker = (env: Env) =>
  createServices(context.db, { emailProvider: createEmailProvider(testConfig(env)) }).outboxService.sendDue()

describe('tell me the outcome', () => {
  let app: Express
  let env: Env
  before(() => {
    env = { SMTP_URL: smtp.url }
    app = appWithAllRoutes(context.db, { env })
  })

  it('emails a resident once when feedback is published, then forgets the address', async () => {
    const address = 'outcome-reader@example.org'
    const agent = newAgent(app)
    await answerPages(agent, fullPath())
    await submitFromCheck(agent)
    const confirmation = await agent.get(`${SURVEY}/confirmation`).expect(200)
    const form = parse(confirmation.text)('form:has(#outcome-email)')
    assert.equal(form.attr('action'), `${SURVEY}/outcome`)

    const invalid = await agent
      .post(`${SURVEY}/outcome`)
      .type('form')
      .send({ _csrf: csrfTokenOf(confirmation.text), email: 'nope' })
    assert.equal(invalid.status, 400)
    assert.equal(parse(invalid.text)('.govuk-error-summary a').attr('href'), '#outcome-email')
    assert.equal(parse(invalid.text)('#outcome-email').val(), 'nope')

    pages.outcomeError = invalid.text
    const kept = await agent
      .post(`${SURVEY}/outcome`)
      .type('form')
      .send({ _csrf: csrfTokenOf(confirmation.text), email: address })
    assert.equal(kept.status, 303)
    const after = await agent.get(`${SURVEY}/confirmation`)
    assert.match(fold(parse(after.text)('main').text()), /We will email you when we publish the outcome/)
    pages.outcomeRequested = after.text
    assert.deepEqual(await context.db('outcome_requests').where({ email: address }).pluck('email'), [address])

    const { agent: officer } = await signInAs(app, context.db, 'editor')
    const { id } = await context.db('consultations').where({ slug: SAMPLE_SLUG }).first<{ id: number }>('id')
    const feedbackPage = await officer.get(`/admin/consultations/${id}/feedback`)
    const _csrf = parse(feedbackPage.text)('input[name="_csrf"]').first().attr('value')
    await officer
      .post(`/admin/consultations/${id}/feedback`)
      .type('form')
      .send({ _csrf, weAsked: 'About parks', youSaid: 'More benches', weDid: 'Added benches' })
      .expect(303)
    await officer.post(`/admin/consultations/${id}/feedback/publish`).type('form').send({ _csrf }).expect(303)
    assert.deepEqual(await context.db('outcome_requests').where({ email: address }).pluck('email'), [])
    assert.deepEqual(await context.db('outbox').where({ recipient: address }).pluck('status'), ['pending'])

    await runWorker(env)
    await runWorker(env)
    const received = smtp.received.filter((mail) => mail.recipients.includes(address))
    assert.equal(received.length, 1)
    assert.match(received[0]?.parsed.subject ?? '', /^What happened after /)
    assert.match(received[0]?.parsed.text ?? '', new RegExp(`http://consult.test/consultations/${SAMPLE_SLUG}\\n`))
    assert.deepEqual(await tablesContaining(context.db, address), [], 'the address is gone from the database')
  })
})

const draftIn = (ward: string, slug: string) =>
  createServices(context.db).consultationService.replaceConsultation({
    slug,
    title: `Consultation ${slug}`,
    summary: 'A consultation made by a test.',
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
    publishedAt: null,
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [ward], audiences: [], topics: [] },
    feedback: null,
  })

async function publish(app: Express, consultationId: number) {
  const { agent } = await signInAs(app, context.db, 'editor')
  const page = await agent.get(`/admin/consultations/${consultationId}`)
  const _csrf = parse(page.text)('input[name="_csrf"]').first().attr('value')
  await agent.post(`/admin/consultations/${consultationId}/publish`).type('form').send({ _csrf }).expect(303)
}

/** From the ward's page to a confirmed alert; `confirmUrl` reads the link in the email the worker sent. */
async function subscribeToWard(app: Express, env: Env, ward: string, address: string, confirmUrl: () => string) {
  const resident = newAgent(app)
  const wardPage = await resident.get(`/wards/${ward}`).expect(200)
  const link = parse(wardPage.text)('a:contains("Get emails about new consultations like these")').attr('href')
  assert.equal(link, `/alerts/new?ward=${ward}`)
  const form = await resident.get(link).expect(200)
  const fields = { _csrf: csrfTokenOf(form.text), ward, frequency: 'immediate' }
  const invalid = await resident
    .post('/alerts/new')
    .type('form')
    .send({ ...fields, email: 'not an address' })
  assert.equal(invalid.status, 400)
  assert.equal(parse(invalid.text)('#email').val(), 'not an address')
  pages.subscribeError = invalid.text
  const sent = await resident
    .post('/alerts/new')
    .type('form')
    .send({ ...fields, email: address })
  assert.equal(sent.headers.location, '/alerts/check-your-email')

  await runWorker(env)
  const confirmPath = new URL(confirmUrl()).pathname
  const confirmPage = await resident.get(confirmPath).expect(200)
  const confirmed = await resident
    .post(confirmPath)
    .type('form')
    .send({ _csrf: csrfTokenOf(confirmPage.text) })
  assert.match(fold(parse(confirmed.text)('main').text()), /Alerts confirmed/)
  pages.confirmed = confirmed.text
}

const urlAfter = (text: string, intro: string) => {
  const url = new RegExp(`${intro}\\n(http\\S+)`).exec(text)?.[1]
  assert.ok(url, `no link after "${intro}"`)
  return url
}

describe('alerts for new consultations', () => {
  const notify = useNotifyServer()
  let wards: string[] = []
  before(async () => {
    await context.ready
    wards = await context.db('wards').where({ covers_all_areas: false }).orderBy('id').limit(2).pluck('slug')
  })

  it('by SMTP: one email for a consultation in the ward, and none after a one-click unsubscribe', async () => {
    const env = { SMTP_URL: smtp.url }
    const app = appWithAllRoutes(context.db, { env })
    const [ward = '', otherWard = ''] = wards
    const address = 'ward-watcher@example.org'
    const mails = () => smtp.received.filter((mail) => mail.recipients.includes(address)).map((mail) => mail.parsed)
    await subscribeToWard(app, env, ward, address, () => urlAfter(mails()[0]?.text ?? '', 'To confirm, use this link:'))
    assert.equal(mails().length, 1, 'the confirmation only')

    await publish(app, await draftIn(ward, 'alert-test-match'))
    await publish(app, await draftIn(otherWard, 'alert-test-elsewhere'))
    await runWorker(env)
    assert.equal(mails().length, 2)
    const alert = mails()[1]!
    assert.equal(alert.subject, 'New consultation: Consultation alert-test-match')
    assert.equal(
      urlAfter(alert.text ?? '', 'Read about it and have your say:'),
      'http://consult.test/consultations/alert-test-match',
    )
    const header = (name: string) =>
      (alert.headerLines.find((line) => line.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ')
    const unsubscribeUrl = urlAfter(alert.text ?? '', 'Unsubscribe from this alert:')
    assert.equal(header('list-unsubscribe'), `List-Unsubscribe: <${unsubscribeUrl}>`)
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')

    const manage = await request(app).get(new URL(urlAfter(alert.text ?? '', 'Change or stop your alerts:')).pathname)
    assert.match(
      fold(parse(manage.text)('main li').text()),
      /Emails about new consultations \(area: .+\), as soon as each is published/,
    )
    pages.manage = manage.text

    // What a mail program does with RFC 8058's headers: a POST with no cookie and no CSRF token.
    const oneClick = await request(app)
      .post(new URL(unsubscribeUrl).pathname)
      .type('form')
      .send('List-Unsubscribe=One-Click')
    assert.equal(oneClick.status, 200)
    assert.equal(oneClick.headers['set-cookie'], undefined)
    pages.unsubscribed = oneClick.text

    await publish(app, await draftIn(ward, 'alert-test-after'))
    await runWorker(env)
    assert.equal(mails().length, 2, 'nothing more arrives')
    assert.deepEqual(await tablesContaining(context.db, address), [])
  })

  it('by GOV.UK Notify: the confirmation and the alert go with their templates and personalisation', async () => {
    await notify.listening
    const env = { ...NOTIFY_ENV, NOTIFY_BASE_URL: notify.url }
    const app = appWithAllRoutes(context.db, { env })
    const address = 'notify-watcher@example.org'
    const sent = () => notify.received.filter((email) => email.email_address === address)
    await subscribeToWard(app, env, wards[0] ?? '', address, () => sent()[0]?.personalisation.confirm_url ?? '')
    await publish(app, await draftIn(wards[0] ?? '', 'alert-notify-match'))
    await runWorker(env)

    assert.deepEqual(notify.refused, [])
    assert.deepEqual(
      sent().map((email) => email.template_id),
      [NOTIFY_ENV.NOTIFY_TEMPLATE_ALERT_CONFIRMATION, NOTIFY_ENV.NOTIFY_TEMPLATE_NEW_CONSULTATION],
    )
    const alert = sent()[1]!
    assert.equal(alert.personalisation.consultation_url, 'http://consult.test/consultations/alert-notify-match')
    assert.match(alert.personalisation.unsubscribe_url ?? '', /^http:\/\/consult\.test\/alerts\/unsubscribe\//)
    assert.equal(alert.one_click_unsubscribe_url, alert.personalisation.unsubscribe_url)
    assert.ok(alert.reference)
  })

  it("does not repeat a visitor's search words in the confirmation email, by SMTP or Notify", async () => {
    await notify.listening
    const q = 'council tax refund call 0800 000 000'
    async function subscribeWithSearch(env: Env, email: string) {
      const resident = newAgent(appWithAllRoutes(context.db, { env }))
      const form = await resident.get(`/alerts/new?${new URLSearchParams({ q })}`).expect(200)
      const fields = { _csrf: csrfTokenOf(form.text), q, email, frequency: 'immediate' }
      await resident.post('/alerts/new').type('form').send(fields).expect(303)
      await runWorker(env)
    }

    await subscribeWithSearch({ SMTP_URL: smtp.url }, 'search-stranger@example.org')
    const [mail] = smtp.received.filter((each) => each.recipients.includes('search-stranger@example.org'))
    assert.ok(mail, 'the confirmation was sent')
    assert.match(mail.parsed.text ?? '', /asked for emails about new consultations \(matching a search\)\./)
    assert.doesNotMatch(`${mail.parsed.subject} ${mail.parsed.text} ${mail.parsed.html}`, /refund|0800/)

    await subscribeWithSearch({ ...NOTIFY_ENV, NOTIFY_BASE_URL: notify.url }, 'notify-stranger@example.org')
    const [email] = notify.received.filter((each) => each.email_address === 'notify-stranger@example.org')
    assert.equal(email?.template_id, NOTIFY_ENV.NOTIFY_TEMPLATE_ALERT_CONFIRMATION)
    assert.equal(email.personalisation.alert_description, 'new consultations (matching a search)')
    assert.doesNotMatch(JSON.stringify(email), /refund|0800/)
  })

  it('gives valid HTML on the pages reached by a POST or a token', async () => {
    assert.deepEqual(Object.keys(pages).sort(), [
      'confirmed',
      'manage',
      'outcomeError',
      'outcomeRequested',
      'subscribeError',
      'unsubscribed',
    ])
    for (const [name, html] of Object.entries(pages)) assert.deepEqual([name, await htmlErrorsIn(html)], [name, []])
  })

  it('queues a weekly digest of the matching consultations a week after confirmation, once', async () => {
    let clock = Date.now()
    const emailSite = { baseUrl: TEST_BASE_URL, councilName: 'Leicester City Council', secret: 'a-test-secret' }
    const { alertService } = createServices(context.db, { now: () => new Date(clock), emailSite })
    const email = 'weekly-reader@example.org'
    const filter = { ward: [wards[0] ?? ''], audience: [], topic: [] }
    await alertService.subscribe('192.0.2.7', {
      email,
      filter,
      description: 'a ward',
      confirmationDescription: 'a ward',
      frequency: 'weekly',
    })
    const [confirmation] = await context.db('outbox').where({ recipient: email }).pluck('personalisation')
    assert.ok(await alertService.confirm(String(confirmation.confirm_url).split('/').pop() ?? ''))
    clock += 1000
    const app = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url } })
    await publish(app, await draftIn(wards[0] ?? '', 'alert-weekly-match'))
    await publish(app, await draftIn(wards[1] ?? '', 'alert-weekly-elsewhere'))
    assert.equal(await alertService.enqueueWeeklyDigests(), 0, 'not a week yet')

    clock += 7 * 24 * 60 * 60 * 1000
    assert.equal(await alertService.enqueueWeeklyDigests(), 1)
    assert.equal(await alertService.enqueueWeeklyDigests(), 0)
    const digest = await context.db('outbox').where({ recipient: email, kind: 'weekly-digest' }).first()
    assert.equal(
      digest.personalisation.consultations,
      '* Consultation alert-weekly-match: http://consult.test/consultations/alert-weekly-match',
    )
  })
})
