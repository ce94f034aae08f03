import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import { htmlErrorsIn } from '../browser/browser'
import { appWithAllRoutes, TEST_BASE_URL, useTestApp } from '../support/app'
import { tablesContaining } from '../support/database'
import { fold, parse } from '../support/html'
import { useSmtpServer } from '../support/smtp'
import { SURVEY, csrfTokenOf, fullPath, newAgent } from './journey-helpers'
import { emailCopy, emailLink, respond, runWorker, saveForLater, uniqueAddress } from './email-helpers'

const context = useTestApp()

describe('emailed copies without an email provider', () => {
  it('offers no email on the confirmation or saved page, and refuses a POST', async () => {
    const { agent, confirmation } = await respond(context.app)
    assert.equal(parse(confirmation)('input[name="email"]').length, 0)
    assert.doesNotMatch(fold(parse(confirmation)('main').text()), /email me/i)
    const tokenPage = await agent.get(`${SURVEY}/${fullPath()[0]![0]}`)
    const refused = await agent
      .post(`${SURVEY}/confirmation`)
      .type('form')
      .send({ _csrf: csrfTokenOf(tokenPage.text), email: 'resident@example.org' })
    assert.equal(refused.status, 404)

    const saved = await saveForLater(newAgent(context.app))
    assert.equal(parse(saved)('input[name="email"]').length, 0)
    assert.match(parse(saved)('.app-resume-link').text(), /\/resume\//)
  })
})

describe('emailed copies through an SMTP server', () => {
  const smtp = useSmtpServer()
  let app: Express
  before(() => {
    app = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url, SITE_NAME: 'Have your say' } })
  })

  it('queues the copy without answers; the worker sends every answer, escaped, then forgets the address', async () => {
    const { agent, confirmation } = await respond(app)
    const $ = parse(confirmation)
    const reference = $('.app-reference').text().trim()
    assert.match(reference, /^ANON-/)
    const address = uniqueAddress('copy')
    const before = smtp.received.length

    const sent = await emailCopy(agent, address)
    assert.equal(sent.status, 303)
    const after = parse((await agent.get(`${SURVEY}/confirmation`)).text)
    assert.match(
      fold(after('.govuk-notification-banner--success').text()),
      /We will email a copy of your answers to the address you gave in the next few minutes/,
    )
    assert.equal(smtp.received.length, before, 'nothing leaves before the worker runs')
    const queued = JSON.stringify(await context.db('outbox').where({ recipient: address }).select('*'))
    assert.ok(queued.includes(reference), 'the job holds the reference')
    assert.ok(!queued.includes('More benches'), 'the job holds no answer')

    await runWorker(context.db, { SMTP_URL: smtp.url, SITE_NAME: 'Have your say' })
    assert.equal(smtp.received.length, before + 1)
    const mail = smtp.received.at(-1)!
    assert.deepEqual(mail.recipients, [address])
    assert.equal(
      mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value[0]?.address : undefined,
      address,
    )
    assert.match(mail.parsed.subject ?? '', new RegExp(`^Your response to .+: ${reference}$`))
    assert.equal(mail.parsed.from?.value[0]?.name, 'Have your say')
    const text = fold(mail.parsed.text ?? '')
    assert.ok(text.includes(reference))
    const titles = $('.govuk-summary-list__key')
      .map((_, el) => fold($(el).text()))
      .get()
    const answers = $('.govuk-summary-list__value p')
      .map((_, el) => fold($(el).text()))
      .get()
    assert.ok(answers.length > 10, 'the sample survey has many answers')
    for (const line of [...titles, ...answers]) assert.ok(text.includes(line), `the plain text has “${line}”`)
    assert.ok(answers.includes('More benches & <shade>'))
    const html = String(mail.parsed.html)
    assert.ok(html.includes('More benches &amp; &lt;shade&gt;'), 'the HTML copy escapes the answer')
    assert.ok(!html.includes('<shade>'))

    assert.deepEqual(await tablesContaining(context.db, address), [])
  })

  it('shows the GOV.UK error pattern for a missing or malformed address, keeping the input', async () => {
    const { agent } = await respond(app)
    const before = smtp.received.length
    for (const [input, message] of [
      ['', 'Enter an email address'],
      ['not an email', 'Enter an email address in the correct format, like name@example.com'],
      ['a@b@example.org', 'Enter an email address in the correct format, like name@example.com'],
    ] as const) {
      const response = await emailCopy(agent, input)
      assert.equal(response.status, 400)
      const $ = parse(response.text)
      assert.match($('title').text(), /^Error: /)
      assert.deepEqual(
        $('.govuk-error-summary a')
          .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
          .get(),
        [{ text: message, href: '#email' }],
      )
      assert.match(fold($('#email-error').text()), new RegExp(`${message}$`))
      assert.equal($('#email').val(), input)
      assert.ok($('.app-reference').text().startsWith('ANON-'), 'the confirmation is still shown')
    }
    assert.equal(smtp.received.length, before)
  })

  it('drops the queued copy, sending nothing, when the response is deleted before it goes', async () => {
    const { agent, confirmation } = await respond(app)
    const reference = parse(confirmation)('.app-reference').text().trim()
    const address = uniqueAddress('deleted')
    assert.equal((await emailCopy(agent, address)).status, 303)
    const { id: responseId } = await context.db('responses').where({ reference }).first<{ id: number }>('id')
    await context.db('response_answers').where({ response_id: responseId }).del()
    await context.db('responses').where({ id: responseId }).del()

    const counts = await runWorker(context.db, { SMTP_URL: smtp.url })
    assert.ok((counts.dropped ?? 0) >= 1)
    assert.ok(!smtp.received.some((mail) => mail.recipients.includes(address)))
    assert.deepEqual(await tablesContaining(context.db, address), [])
  })

  it('refuses a POST without a CSRF token and sends nothing', async () => {
    const { agent } = await respond(app)
    const before = smtp.received.length
    const refused = await agent
      .post(`${SURVEY}/confirmation`)
      .type('form')
      .send({ email: uniqueAddress('csrf') })
    assert.equal(refused.status, 403)
    assert.equal(smtp.received.length, before)
  })

  it('limits how many emails one session can send', async () => {
    const { agent } = await respond(app)
    const addresses = [1, 2, 3, 4].map(() => uniqueAddress('limit'))
    for (const address of addresses.slice(0, 3)) assert.equal((await emailCopy(agent, address)).status, 303)
    const limited = await emailCopy(agent, addresses[3]!)
    assert.equal(limited.status, 429)
    assert.match(fold(parse(limited.text)('.govuk-notification-banner').text()), /too many emails/)
    await runWorker(context.db, { SMTP_URL: smtp.url })
    const delivered = smtp.received.flatMap((mail) => mail.recipients).filter((to) => addresses.includes(to))
    assert.deepEqual(delivered.sort(), addresses.slice(0, 3).sort())
  })

  it('queues the resume link; the worker emails it, and the emailed link resumes the answers', async () => {
    const agent = newAgent(app)
    const saved = await saveForLater(agent)
    const shownLink = fold(parse(saved)('.app-resume-link').text())
    assert.ok(shownLink.startsWith(`${TEST_BASE_URL}${SURVEY}/resume/`))
    const address = uniqueAddress('resume')

    const sent = await emailLink(agent, saved, address)
    assert.equal(sent.status, 200)
    assert.match(
      fold(parse(sent.text)('.govuk-notification-banner--success').text()),
      /We will email the link to the address you gave in the next few minutes/,
    )
    assert.equal(fold(parse(sent.text)('.app-resume-link').text()), shownLink)
    const mails = () => smtp.received.filter((mail) => mail.recipients.includes(address))
    assert.equal(mails().length, 0, 'nothing leaves before the worker runs')
    assert.deepEqual(await tablesContaining(context.db, address), ['outbox'])

    await runWorker(context.db, { SMTP_URL: smtp.url, SITE_NAME: 'Have your say' })
    assert.equal(mails().length, 1)
    const mail = mails()[0]!
    assert.match(mail.parsed.subject ?? '', /^Carry on with your response to /)
    assert.ok((mail.parsed.text ?? '').includes(shownLink))
    assert.ok(String(mail.parsed.html).includes(`href="${shownLink}"`))
    assert.deepEqual(await tablesContaining(context.db, address), [])
    assert.deepEqual(await tablesContaining(context.db, shownLink), [], 'the outbox forgets the link once sent')

    const resumed = await newAgent(app).get(shownLink.slice(TEST_BASE_URL.length))
    assert.equal(resumed.status, 303)
    assert.equal(resumed.headers.location, `${SURVEY}/${fullPath()[2]![0]}`, 'both saved pages were kept')
  })

  it('gives valid HTML on the pages with email forms, in every state', async () => {
    const { agent } = await respond(app)
    const withErrors = (await emailCopy(agent, 'nope')).text
    await emailCopy(agent, uniqueAddress('valid'))
    const copySent = (await agent.get(`${SURVEY}/confirmation`)).text
    const saver = newAgent(app)
    const saved = await saveForLater(saver)
    const linkSent = (await emailLink(saver, saved, uniqueAddress('valid'))).text
    const pages = { withErrors, copySent, saved, linkSent }
    const invalid = Object.fromEntries(
      await Promise.all(Object.entries(pages).map(async ([name, html]) => [name, await htmlErrorsIn(html)])),
    )
    assert.deepEqual(invalid, { withErrors: [], copySent: [], saved: [], linkSent: [] })
    assert.equal(parse(saved)('input[name="email"]').length, 1)
  })

  it('checks the address on the saved page, and refuses a token that finds no draft', async () => {
    const agent = newAgent(app)
    const saved = await saveForLater(agent)
    const invalid = await emailLink(agent, saved, 'resident at example.org')
    assert.equal(invalid.status, 400)
    const $ = parse(invalid.text)
    assert.equal(
      fold($('.govuk-error-summary a[href="#email"]').text()),
      'Enter an email address in the correct format, like name@example.com',
    )
    assert.match(fold($('.app-resume-link').text()), /\/resume\//)

    const forged = saved.replace(/name="token" value="[^"]+"/, `name="token" value="${'A'.repeat(43)}"`)
    assert.equal((await emailLink(agent, forged, uniqueAddress('forged'))).status, 404)
  })
})
