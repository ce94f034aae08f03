import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appWithAllRoutes, useTestApp } from '../support/app'
import { tablesContaining } from '../support/database'
import { fold, parse } from '../support/html'
import { NOTIFY_ENV, useNotifyServer } from '../support/notify'
import { emailCopy, emailLink, respond, runWorker, saveForLater, uniqueAddress } from './email-helpers'
import { newAgent } from './journey-helpers'

const context = useTestApp()

describe('emails through GOV.UK Notify', () => {
  const notify = useNotifyServer()

  it('sends the link with the resume-link template, then forgets the address and the link', async () => {
    await notify.listening
    const env = { ...NOTIFY_ENV, NOTIFY_BASE_URL: notify.url, SITE_NAME: 'Have your say' }
    const app = appWithAllRoutes(context.db, { env })
    const agent = newAgent(app)
    const saved = await saveForLater(agent)
    const shownLink = fold(parse(saved)('.app-resume-link').text())
    const address = uniqueAddress('notify-resume')
    assert.equal((await emailLink(agent, saved, address)).status, 200)

    await runWorker(context.db, env)
    assert.deepEqual(notify.refused, [])
    const sent = notify.received.filter((email) => email.email_address === address)
    assert.equal(sent.length, 1)
    assert.equal(sent[0]!.template_id, NOTIFY_ENV.NOTIFY_TEMPLATE_RESUME_LINK)
    assert.equal(sent[0]!.personalisation.resume_url, shownLink)
    assert.deepEqual(await tablesContaining(context.db, address), [])
    assert.deepEqual(await tablesContaining(context.db, shownLink), [])
  })

  it('sends the copy of the answers with the answers-copy template, filled in from the stored response', async () => {
    await notify.listening
    const env = { ...NOTIFY_ENV, NOTIFY_BASE_URL: notify.url }
    const { agent, confirmation } = await respond(appWithAllRoutes(context.db, { env }))
    const reference = parse(confirmation)('.app-reference').text().trim()
    const address = uniqueAddress('notify-copy')
    assert.equal((await emailCopy(agent, address)).status, 303)

    await runWorker(context.db, env)
    const sent = notify.received.filter((email) => email.email_address === address)
    assert.equal(sent.length, 1)
    assert.equal(sent[0]!.template_id, NOTIFY_ENV.NOTIFY_TEMPLATE_ANSWERS_COPY)
    assert.equal(sent[0]!.personalisation.reference, reference)
    assert.ok(sent[0]!.personalisation.answers?.includes('More benches & <shade>'))
    assert.deepEqual(await tablesContaining(context.db, address), [])
  })
})
