import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { createPostgresDatabase } from '../../src/db/database'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { htmlErrorsIn } from '../browser/browser'
import { createConsultation } from '../admin/survey-helpers'
import { appWithAllRoutes, TEST_BASE_URL, testConfig, useTestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'
import { useSmtpServer } from '../support/smtp'
import { answerPages, fullPath, newAgent, SAMPLE_SLUG, submitFromCheck } from '../surveys/journey-helpers'

const context = useTestApp()
const smtp = useSmtpServer()

let clock = Date.now()
const now = () => new Date(clock)
const servicesOf = (db: Knex, at = now) => {
  const config = testConfig({ SMTP_URL: smtp.url })
  return createServices(db, {
    now: at,
    emailProvider: createEmailProvider(config),
    emailSite: { baseUrl: TEST_BASE_URL, councilName: config.councilName, secret: 'test' },
  })
}
/** The scheduled jobs on each instance, then their emails sent; gives the emails that arrived. */
async function runJobs(instances = [context.db]) {
  await Promise.all(
    instances.map(async (db) => {
      const { officerNotificationService } = servicesOf(db)
      await officerNotificationService.enqueueDue()
      await officerNotificationService.enqueueMilestones()
    }),
  )
  // The app queues with the real time; the test's clock may be behind it.
  await servicesOf(context.db, () => new Date(Math.max(clock, Date.now()))).outboxService.sendDue()
  const mails = smtp.received.map((mail) => ({
    to: mail.recipients.join(),
    subject: mail.parsed.subject ?? '',
    text: mail.parsed.text ?? '',
    html: String(mail.parsed.html),
  }))
  smtp.received.length = 0
  return mails
}

describe('emails to a consultation’s owner', () => {
  let app: Express
  before(async () => {
    await smtp.listening
    app = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url } })
  })

  it('tells the owner once when it opens, closes and its feedback is due, even with two instances', async () => {
    const { agent, user } = await signInAs(app, context.db, 'editor')
    const id = await createConsultation(agent, 'Library hours', {
      opens: ['2', '6', '2031'],
      closes: ['30', '6', '2031'],
    })
    const published = await postForm(agent, `/admin/consultations/${id}`, `/admin/consultations/${id}/publish`)
    assert.equal(published.status, 303)
    await runJobs()

    const otherDb = context.database.url ? createPostgresDatabase(context.database.url) : context.db
    const told = async (at: string) => {
      clock = new Date(at).getTime()
      const mails = [...(await runJobs([context.db, otherDb])), ...(await runJobs([context.db, otherDb]))]
      return mails.filter((mail) => mail.to === user.email)
    }
    try {
      const [opened, ...moreOpened] = await told('2031-06-02T10:00:00Z')
      assert.equal(moreOpened.length, 0)
      assert.equal(opened?.subject, 'Library hours has opened')
      assert.equal(
        opened.text,
        [
          'Your consultation Library hours opened on 2 June 2031 at 9:00am.',
          `See it in the consultation hub:\n${TEST_BASE_URL}/admin/consultations/${id}`,
          'You get this email because you own this consultation.',
          `Choose which emails you get:\n${TEST_BASE_URL}/admin/account/notifications`,
          'Leicester City Council',
        ].join('\n\n'),
      )
      assert.match(opened.html, new RegExp(`<a href="${TEST_BASE_URL}/admin/consultations/${id}">`))
      assert.match(opened.html, /<html lang="en">/)

      assert.deepEqual(
        (await told('2031-07-01T08:00:00Z')).map((mail) => mail.subject),
        ['Library hours has closed'],
      )
      const [due, ...moreDue] = await told('2031-09-23T08:00:00Z')
      assert.equal(moreDue.length, 0)
      assert.equal(due?.subject, 'Feedback due: Library hours')
      assert.match(due.text, /was due on 22 September 2031 and is not published yet/)
      assert.match(due.text, new RegExp(`${TEST_BASE_URL}/admin/consultations/${id}/feedback`))
    } finally {
      if (otherDb !== context.db) await otherDb.destroy()
    }
  })

  it('tells the owner of the first and 100th responses and sums up the day, unless turned off', async () => {
    clock = Date.now()
    const { agent, user } = await signInAs(app, context.db, 'analyst')
    await runJobs() // the seeded consultations' openings, told to nobody
    await context.db('consultations').where({ slug: SAMPLE_SLUG }).update({ owner_id: user.id })
    const countResponses = async () =>
      Number((await context.db('responses').where({ is_sample: false }).count('* as n').first())?.n)
    assert.equal(await countResponses(), 0, 'the sample consultation has only sample responses')

    const resident = newAgent(app)
    await answerPages(resident, fullPath())
    await submitFromCheck(resident)
    const [first, ...others] = await runJobs()
    assert.equal(others.length, 0)
    assert.equal(first?.to, user.email)
    assert.match(first.subject, /: 1 response$/)
    assert.match(first.text, /has its first response\./)

    const { surveyService } = servicesOf(context.db)
    const survey = await surveyService.findSurvey(SAMPLE_SLUG)
    assert.ok(survey)
    while ((await countResponses()) < 100) await surveyService.submit(survey, [], `key-${await countResponses()}`)
    assert.deepEqual(
      (await runJobs()).map((mail) => mail.text.split('\n')[0]),
      [`Your consultation ${survey.consultation.title} has 100 responses.`],
    )
    // Two milestones passed between two runs of the job: each is told, once.
    while ((await countResponses()) < 300) await surveyService.submit(survey, [], `key-${await countResponses()}`)
    assert.deepEqual(
      [...(await runJobs()), ...(await runJobs())].map((mail) => mail.text.split('\n')[0]).sort(),
      [200, 300].map((count) => `Your consultation ${survey.consultation.title} has ${count} responses.`),
    )

    clock = Date.now() + 24 * 60 * 60 * 1000
    const [summary, ...again] = [...(await runJobs()), ...(await runJobs())]
    assert.equal(again.length, 0, 'one summary a day')
    assert.match(summary?.text ?? '', new RegExp(`${survey.consultation.title}: 300 new responses`))

    const form = '/admin/account/notifications'
    const served = (await agent.get(form).expect(200)).text
    assert.equal(parse(served)('input[name="emails"]:checked').length, 4, 'every email is on at first')
    assert.deepEqual(await htmlErrorsIn(served), [])
    const refused = await postForm(agent, form, form, { emails: ['officer-milestone', 'weekly-spam'] })
    assert.equal(refused.status, 400)
    assert.deepEqual(await htmlErrorsIn(refused.text), [])
    assert.equal(fold(parse(refused.text)('.govuk-error-summary a').text()), 'Choose emails from the list')
    assert.equal((await postForm(agent, form, form, { emails: ['officer-open-close'] })).status, 303)
    const saved = parse((await agent.get(form).expect(200)).text)
    assert.deepEqual(
      saved('input[name="emails"]:checked')
        .map((_, el) => saved(el).val())
        .get(),
      ['officer-open-close'],
    )

    clock += 24 * 60 * 60 * 1000
    await context
      .db('responses')
      .where({ is_sample: false })
      .update({ submitted_at: new Date(clock - 60 * 60 * 1000) })
    assert.deepEqual(await runJobs(), [], 'no summary once it is turned off')
  })
})
