import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { signInAs } from '../support/auth'
import { appWithAllRoutes, testConfig, useTestApp } from '../support/app'
import { fold, parse } from '../support/html'
import { tablesContaining } from '../support/database'
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

/** Another instance's scheduled worker, sending what is due. */
const runWorker = (env: Record<string, string>) =>
  createServices(context.db, { emailProvider: createEmailProvider(testConfig(env)) }).outboxService.sendDue()

describe('tell me the outcome', () => {
  let app: Express
  let env: Record<string, string>
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

    const kept = await agent
      .post(`${SURVEY}/outcome`)
      .type('form')
      .send({ _csrf: csrfTokenOf(confirmation.text), email: address })
    assert.equal(kept.status, 303)
    const after = await agent.get(`${SURVEY}/confirmation`)
    assert.match(fold(parse(after.text)('main').text()), /We will email you when we publish the outcome/)
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
