import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import request from 'supertest'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { htmlErrorsIn } from '../browser/browser'
import { signInAs } from '../support/auth'
import { appWithAllRoutes, testConfig, useTestApp } from '../support/app'
import { fold, parse } from '../support/html'
import { useSmtpServer } from '../support/smtp'
import { answerPages, csrfTokenOf, fullPath, newAgent, SAMPLE_SLUG, SURVEY, submitFromCheck } from './journey-helpers'

const context = useTestApp()
const smtp = useSmtpServer()

/** The confirmation page's "Tell me the outcome" part, as a resident reads it. */
const outcomePart = (html: string) => {
  const $ = parse(html)
  return {
    form: $('form:has(#outcome-email)').length > 0,
    published: fold($('#outcome-published').next('p').text()),
    link: $('#outcome-published').next('p').find('a').attr('href'),
  }
}

describe('tell me the outcome, once the outcome is published', () => {
  let app: Express
  let consultationId: number
  before(async () => {
    await context.ready
    app = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url } })
    ;({ id: consultationId } = await context.db('consultations').where({ slug: SAMPLE_SLUG }).first('id'))
  })

  it('shows no outcome while the feedback is dated later, as the overview does, and keeps no address', async () => {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
    await context.db('consultation_feedback').insert({
      consultation_id: consultationId,
      we_asked: 'About parks',
      you_said: 'More benches',
      we_did: 'Added benches',
      published_at: tomorrow,
      feedback_updated_at: new Date(),
    })
    try {
      const resident = newAgent(app)
      await answerPages(resident, fullPath())
      await submitFromCheck(resident)
      const page = await resident.get(`${SURVEY}/confirmation`).expect(200)
      assert.deepEqual(outcomePart(page.text), { form: true, published: '', link: undefined })
      const overview = await request(app).get(`/consultations/${SAMPLE_SLUG}`).expect(200)
      assert.equal(parse(overview.text)('#feedback-heading').length, 0)
      // Its emails went out when it was published, so an address kept now would never get one.
      const sent = await resident
        .post(`${SURVEY}/outcome`)
        .type('form')
        .send({ _csrf: csrfTokenOf(page.text), email: 'too-late@example.org' })
      assert.equal(sent.status, 409)
      assert.deepEqual(
        await context.db('outcome_requests').where({ consultation_id: consultationId }).pluck('email'),
        [],
      )
    } finally {
      await context.db('consultation_feedback').where({ consultation_id: consultationId }).delete()
    }
  })

  it('links to the published results instead of offering the email, and keeps no address sent anyway', async () => {
    const resident = newAgent(app)
    await answerPages(resident, fullPath())
    await submitFromCheck(resident)
    const offered = await resident.get(`${SURVEY}/confirmation`).expect(200)
    assert.deepEqual(outcomePart(offered.text), { form: true, published: '', link: undefined })

    const services = createServices(context.db)
    const target = await services.resultsService.findSurvey(SAMPLE_SLUG)
    assert.ok(target)
    const published = await services.publishingService.publish(
      null,
      target,
      target.questions.map(({ question }) => question.key),
    )
    assert.ok(published.length > 0, 'some results are public')

    // The page was open before the results went out: the resident still sends the form.
    const address = 'late-asker@example.org'
    const sent = await resident
      .post(`${SURVEY}/outcome`)
      .type('form')
      .send({ _csrf: csrfTokenOf(offered.text), email: address })
    assert.equal(sent.status, 409)
    const $ = parse(sent.text)
    assert.deepEqual(
      $('.govuk-notification-banner')
        .find('h2, p')
        .map((_, element) => fold($(element).text()))
        .get(),
      [
        'Email not needed',
        'We have already published the results, so we have not kept your email address.',
        'Read the outcome on the consultation page.',
      ],
    )
    assert.equal($('.govuk-notification-banner a').attr('href'), `/consultations/${SAMPLE_SLUG}#results-heading`)
    assert.equal($('form:has(#outcome-email)').length, 0)
    assert.deepEqual(await htmlErrorsIn(sent.text), [])
    assert.deepEqual(await context.db('outcome_requests').where({ consultation_id: consultationId }).pluck('email'), [])

    const later = await resident.get(`${SURVEY}/confirmation`).expect(200)
    assert.deepEqual(outcomePart(later.text), {
      form: false,
      published: 'We have published the results. Read the outcome on the consultation page.',
      link: `/consultations/${SAMPLE_SLUG}#results-heading`,
    })
    const overview = await request(app).get(`/consultations/${SAMPLE_SLUG}`).expect(200)
    assert.equal(parse(overview.text)('#results-heading').text(), 'Results')
  })

  it('links to "We asked, You said, We did" once it is published', async () => {
    const { agent: officer } = await signInAs(app, context.db, 'editor')
    const feedbackPage = await officer.get(`/admin/consultations/${consultationId}/feedback`)
    const _csrf = parse(feedbackPage.text)('input[name="_csrf"]').first().attr('value')
    await officer
      .post(`/admin/consultations/${consultationId}/feedback`)
      .type('form')
      .send({ _csrf, weAsked: 'About parks', youSaid: 'More benches', weDid: 'Added benches' })
      .expect(303)
    await officer
      .post(`/admin/consultations/${consultationId}/feedback/publish`)
      .type('form')
      .send({ _csrf })
      .expect(303)

    const resident = newAgent(app)
    await answerPages(resident, fullPath())
    await submitFromCheck(resident)
    const page = await resident.get(`${SURVEY}/confirmation`).expect(200)
    assert.deepEqual(outcomePart(page.text), {
      form: false,
      published: 'We have published what we did. Read the outcome on the consultation page.',
      link: `/consultations/${SAMPLE_SLUG}#feedback-heading`,
    })
    const overview = await request(app).get(`/consultations/${SAMPLE_SLUG}`).expect(200)
    assert.equal(parse(overview.text)('#feedback-heading').text(), 'What happened')

    // A request that reaches the service anyway (published between its check and its write) is refused there too.
    const { outcomeService } = createServices(context.db, {
      emailProvider: createEmailProvider(testConfig({ SMTP_URL: smtp.url })),
    })
    assert.equal(await outcomeService.request('192.0.2.9', consultationId, 'racer@example.org'), 'already-published')
    assert.deepEqual(await context.db('outcome_requests').where({ consultation_id: consultationId }).pluck('email'), [])
  })
})
