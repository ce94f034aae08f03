import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import { createEmailProvider } from '../../src/notifications/providers'
import { REMINDER_BEFORE_CLOSING_MS } from '../../src/notifications/reminder-service'
import { createServices } from '../../src/services'
import { htmlErrorsIn } from '../browser/browser'
import { appWithAllRoutes, TEST_BASE_URL, testConfig, useTestApp } from '../support/app'
import { captureLogs } from '../support/logs'
import { fold, parse } from '../support/html'
import { useSmtpServer } from '../support/smtp'
import { answerPage, fullPath, newAgent, SAMPLE_SLUG, SURVEY, submitFromCheck } from '../surveys/journey-helpers'

const context = useTestApp()
const smtp = useSmtpServer()
const logs = captureLogs()

let clock = Date.now()
const servicesAt = () => {
  const config = testConfig({ SMTP_URL: smtp.url })
  return createServices(context.db, {
    now: () => new Date(clock),
    emailProvider: createEmailProvider(config),
    emailSite: { baseUrl: TEST_BASE_URL, councilName: config.councilName, secret: 'test' },
  })
}

describe('remind me before it closes', () => {
  let app: Express
  before(async () => {
    await smtp.listening
    app = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url }, logger: logs.logger })
  })

  /** Saves the first page as a draft and emails its link, ticking the reminder; gives the saved page. */
  async function saveAndAskForReminder(email: string) {
    const resident = newAgent(app)
    const [pageKey, fields] = fullPath()[0]!
    const saved = await answerPage(resident, pageKey, { ...fields, action: 'save' })
    assert.equal(saved.status, 200)
    const page = parse(saved.text)
    assert.equal(fold(page('label[for="remind"]').text()), 'Remind me 3 days before it closes')
    const form = page('form:has(#remind)')
    const response = await resident
      .post(String(form.attr('action')))
      .type('form')
      .send({
        _csrf: form.find('input[name="_csrf"]').val(),
        token: form.find('input[name="token"]').val(),
        pageKey: form.find('input[name="pageKey"]').val(),
        email,
        remind: 'yes',
      })
    return { resident, response }
  }

  it('sends one reminder 3 days before closing, then forgets the address; never logs it', async () => {
    const { response } = await saveAndAskForReminder('saver@example.org')
    assert.equal(response.status, 200)
    assert.match(fold(parse(response.text)('.govuk-notification-banner').text()), /We will remind you 3 days before/)
    assert.deepEqual(await htmlErrorsIn(response.text), [])
    clock = Date.now()
    await servicesAt().outboxService.sendDue()
    assert.equal(smtp.received.length, 1, 'the resume link, sent by the outbox worker')
    smtp.received.length = 0

    const { closes_at: closesAt, title } = await context
      .db('consultations')
      .where({ slug: SAMPLE_SLUG })
      .first('closes_at', 'title')
    const run = async () => {
      const services = servicesAt()
      const runs = await Promise.all([services.reminderService.enqueueDue(), servicesAt().reminderService.enqueueDue()])
      await services.outboxService.sendDue()
      return runs
    }
    await run()
    assert.equal(smtp.received.length, 0, 'nothing before the time')

    clock = new Date(closesAt).getTime() - REMINDER_BEFORE_CLOSING_MS + 60_000
    await run()
    await run()
    assert.equal(smtp.received.length, 1, 'one reminder, however many runs')
    const [mail] = smtp.received
    assert.ok(mail)
    assert.deepEqual(mail.recipients, ['saver@example.org'])
    assert.match(mail.parsed.subject ?? '', new RegExp(`^${title} closes on`))
    assert.match(mail.parsed.text ?? '', new RegExp(`Or start the survey again:\n${TEST_BASE_URL}${SURVEY}`))
    assert.equal(
      await context
        .db('closing_reminders')
        .count('* as n')
        .first()
        .then((row) => Number(row?.n)),
      0,
    )
    const kept = await context.db('outbox').where({ kind: 'closing-reminder' }).whereNotNull('recipient').pluck('id')
    assert.deepEqual(kept, [], 'the address is gone once sent')
    assert.doesNotMatch(logs.text(), /saver@example\.org/)
  })

  it('forgets the address when the resident sends their response', async () => {
    clock = Date.now()
    const { resident } = await saveAndAskForReminder('sender@example.org')
    assert.deepEqual(await context.db('closing_reminders').pluck('email'), ['sender@example.org'])
    for (const [key, fields] of fullPath()) await answerPage(resident, key, fields)
    assert.equal((await submitFromCheck(resident)).status, 303)
    assert.deepEqual(await context.db('closing_reminders').pluck('email'), [])
  })
})
