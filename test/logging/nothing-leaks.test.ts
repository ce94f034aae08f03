import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import express, { type Express } from 'express'
import request from 'supertest'
import { currentTotp } from '../../src/admin/auth/totp'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { appWithAllRoutes, TEST_BASE_URL, testConfig, useTestApp } from '../support/app'
import { csrfTokenFrom, postForm, signIn, signInAs, TEST_PASSWORD } from '../support/auth'
import { fold, parse } from '../support/html'
import { captureLogs } from '../support/logs'
import { useSmtpServer } from '../support/smtp'
import {
  answerPage,
  answerPages,
  type Fields,
  SAMPLE_ANSWERS,
  submitFromCheck,
  SURVEY,
} from '../surveys/journey-helpers'

const context = useTestApp()
const smtp = useSmtpServer()
const logs = captureLogs()

/** Everything typed in and every secret handed out, by what it is, to look for in the logs afterwards. */
const secrets = new Map<string, string>()
const keep = (what: string, ...values: (string | undefined)[]) => {
  for (const value of values) if (value) secrets.set(value, what)
}

/** The app behind a wrapper that notes every cookie it sets: the session ids, signed and bare. */
let app: Express
before(async () => {
  await Promise.all([context.ready, smtp.listening])
  const inner = appWithAllRoutes(context.db, { env: { SMTP_URL: smtp.url }, logger: logs.logger })
  app = express()
    .use((_req, res, next) => {
      res.on('finish', () => {
        for (const cookie of [res.getHeader('set-cookie') ?? []].flat()) {
          const value = String(cookie).split(';')[0]!.split('=')[1]!
          keep('session cookie', value, decodeURIComponent(value), /^s:([^.]+)\./.exec(decodeURIComponent(value))?.[1])
        }
      })
      next()
    })
    .use(inner)
})

const RESIDENT_ANSWERS: Record<string, Fields> = {
  ...SAMPLE_ANSWERS,
  'the-parks-you-use': { ...SAMPLE_ANSWERS['the-parks-you-use'], 'main-park-other': 'Quokkafield Meadow' },
  'what-would-help': { encourage: 'Zebra crossings by the bandstand', favourite: 'Xylophone garden', updates: 'yes' },
  'contact-details': { email: 'leaky.resident.4471@example.org', postcode: 'le4 9zz' },
}
const pages = Object.entries(RESIDENT_ANSWERS)
const RESUME_ADDRESS = 'resume.me.8830@example.org'
const COPY_ADDRESS = 'copy.me.5519@example.org'

const runOutboxWorker = () =>
  createServices(context.db, {
    emailProvider: createEmailProvider(testConfig({ SMTP_URL: smtp.url })),
  }).outboxService.sendDue()

async function residentSavesEmailsResumesAndResponds(): Promise<void> {
  keep('resident answer', 'Quokkafield Meadow', 'Zebra crossings by the bandstand', 'Xylophone garden', 'le4 9zz')
  keep('resident email', 'leaky.resident.4471', RESUME_ADDRESS, COPY_ADDRESS)
  const first = request.agent(app)
  await answerPages(first, pages.slice(0, 1))
  const saved = await answerPage(first, pages[1]![0], { ...pages[1]![1], action: 'save' })
  const link = fold(parse(saved.text)('.app-resume-link').text())
  keep('resume token', link.split('/resume/')[1])
  const form = parse(saved.text)('form:has(input[name="email"])')
  const hidden = Object.fromEntries(
    form
      .find('input[type="hidden"]')
      .map((_, el) => [[String(parse(saved.text)(el).attr('name')), String(parse(saved.text)(el).val())]])
      .get(),
  )
  const emailed = await first
    .post(String(form.attr('action')))
    .type('form')
    .send({ ...hidden, email: RESUME_ADDRESS })
  assert.equal(emailed.status, 200)
  await runOutboxWorker()
  assert.ok(smtp.received.some((mail) => mail.recipients.includes(RESUME_ADDRESS)))

  const later = request.agent(app)
  assert.equal((await later.get(link.slice(TEST_BASE_URL.length))).status, 303)
  await answerPages(later, pages.slice(2))
  assert.equal((await submitFromCheck(later)).headers.location, `${SURVEY}/confirmation`)
  const copy = await postForm(later, `${SURVEY}/confirmation`, `${SURVEY}/confirmation`, { email: COPY_ADDRESS })
  assert.equal(copy.status, 303)
  await runOutboxWorker()
  assert.ok(smtp.received.some((mail) => mail.recipients.includes(COPY_ADDRESS)))
}

async function officerTurnsOnTwoFactorAndSignsInWithIt(): Promise<void> {
  const { agent, user } = await signInAs(app, context.db, 'analyst')
  keep('officer email', user.email)
  keep('password', TEST_PASSWORD)
  const setup = parse((await agent.get('/admin/account/two-factor').expect(200)).text)
  const secret = setup('.app-secret').text().replace(/\s+/g, '')
  const enableCode = currentTotp(secret, new Date())
  const on = await postForm(agent, '/admin/account/two-factor', '/admin/account/two-factor', { code: enableCode })
  const recoveryCodes = parse(on.text)('#recovery-codes li')
    .map((_, el) => fold(parse(on.text)(el).text()))
    .get()
  assert.equal(recoveryCodes.length, 10)
  keep('authenticator secret', secret)
  keep('security code', enableCode, ...recoveryCodes)

  const next = request.agent(app)
  assert.equal((await signIn(next, user.email)).headers.location, '/admin/sign-in/two-factor')
  const code = currentTotp(secret, new Date())
  keep('security code', code)
  const done = await postForm(next, '/admin/sign-in/two-factor', '/admin/sign-in/two-factor', { code })
  assert.equal(done.headers.location, '/admin')
}

/** An admin invites an officer, who sets a password; later the admin issues a reset, which the officer uses. */
async function invitationAndPasswordReset(): Promise<void> {
  const { agent: admin, user: adminUser } = await signInAs(app, context.db, 'admin')
  const invitee = 'invited.officer.6632@council.test'
  keep('officer email', adminUser.email, invitee)
  const invited = await postForm(admin, '/admin/users/new', '/admin/users/new', {
    displayName: 'Ima Newcomer',
    email: invitee,
    role: 'editor',
  })
  const inviteLink = new URL(fold(parse(invited.text)('#one-time-link').text())).pathname
  const firstPassword = 'copper kettle meadow 3318'
  keep('invitation token', inviteLink.split('/').pop())
  keep('password', firstPassword)
  const officer = request.agent(app)
  const set = await postForm(officer, inviteLink, inviteLink, {
    password: firstPassword,
    confirmPassword: firstPassword,
  })
  assert.equal(set.headers.location, '/admin/sign-in?password=set')
  assert.equal((await signIn(officer, invitee, firstPassword)).headers.location, '/admin')

  const { id: userId } = await context.db('users').where({ email: invitee }).first<{ id: number }>('id')
  const reset = await postForm(admin, `/admin/users/${userId}`, `/admin/users/${userId}/reset-password`)
  const resetLink = new URL(fold(parse(reset.text)('#one-time-link').text())).pathname
  const secondPassword = 'walnut lighthouse parade 7741'
  keep('reset token', resetLink.split('/').pop())
  keep('password', secondPassword)
  const again = request.agent(app)
  await postForm(again, resetLink, resetLink, { password: secondPassword, confirmPassword: secondPassword })
  assert.equal((await signIn(again, invitee, secondPassword)).headers.location, '/admin')
  keep('CSRF token', await csrfTokenFrom(again, '/admin/account/password'))
}

describe('the logs', () => {
  it('hold none of the values entered and none of the tokens issued in a day of resident and officer use', async () => {
    await residentSavesEmailsResumesAndResponds()
    await officerTurnsOnTwoFactorAndSignsInWithIt()
    await invitationAndPasswordReset()

    const text = logs.text().toLowerCase()
    assert.ok(logs.entries().length >= 40, `every request was logged (${logs.entries().length} lines)`)
    assert.ok(secrets.size > 30, 'cookies and tokens were noted')
    const found = [...secrets].filter(([secret]) => text.includes(secret.toLowerCase())).map(([, what]) => what)
    assert.deepEqual([...new Set(found)], [], 'values or tokens found in the logs')
  })
})
