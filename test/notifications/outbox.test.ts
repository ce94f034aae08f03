import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Knex } from 'knex'
import { createPostgresDatabase } from '../../src/db/database'
import { createMailer } from '../../src/mail/mailer'
import { createOutboxRepository } from '../../src/notifications/outbox-repository'
import { LEASE_MS, MAX_ATTEMPTS } from '../../src/notifications/outbox-service'
import { type EmailProvider, notifyProvider, smtpProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { htmlErrorsIn } from '../browser/browser'
import { testConfig, useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse } from '../support/html'
import { NOTIFY_ENV, useNotifyServer } from '../support/notify'
import { useSmtpServer } from '../support/smtp'

const context = useTestApp()
const smtp = useSmtpServer()
const notify = useNotifyServer()

let clock = Date.now()
const now = () => new Date(clock)
const smtpSender = () =>
  smtpProvider(createMailer({ smtpUrl: smtp.url, from: 'Hub <hub@consult.test>' })!, 'consult.test')
const outboxOf = (db: Knex, provider: EmailProvider) =>
  createServices(db, { now, emailProvider: provider }).outboxService

const outcomeJob = (key: string, recipient: string) => ({
  kind: 'outcome' as const,
  dedupeKey: key,
  recipient,
  personalisation: {
    council_name: 'Leicester City Council',
    consultation_title: 'Parks',
    outcome_url: 'http://consult.test/consultations/parks/feedback',
  },
})

describe('the outbox', () => {
  it('sends each email once with two workers running at once and one dying mid-batch', async () => {
    await smtp.listening
    const repository = createOutboxRepository(context.db)
    const enqueueAll = () =>
      context.db.transaction(async (trx) => {
        let added = 0
        for (let i = 0; i < 25; i += 1) {
          if (await repository.enqueue(trx, outcomeJob(`test:${i}`, `resident${i}@example.test`), now())) added += 1
        }
        return added
      })
    assert.equal(await enqueueAll(), 25)
    assert.equal(await enqueueAll(), 0, 'the same events enqueue nothing more')

    const dead = await repository.claim('dead-worker', 10, now(), new Date(clock - LEASE_MS))
    assert.equal(dead.length, 10)

    // On PostgreSQL the second worker has a pool of its own, as another instance would.
    const otherDb = context.database.url ? createPostgresDatabase(context.database.url) : context.db
    try {
      const workers = [outboxOf(context.db, smtpSender()), outboxOf(otherDb, smtpSender())]
      const firstRound = await Promise.all(workers.map((worker) => worker.sendDue()))
      assert.equal(
        firstRound.reduce((sum, counts) => sum + (counts.sent ?? 0), 0),
        15,
      )
      assert.equal(smtp.received.length, 15, "the dead worker's jobs wait for its lease to run out")

      clock += LEASE_MS + 1000
      await Promise.all(workers.map((worker) => worker.sendDue()))
    } finally {
      if (otherDb !== context.db) await otherDb.destroy()
    }

    const recipients = smtp.received.flatMap((mail) => mail.recipients).sort()
    assert.equal(recipients.length, 25)
    assert.equal(new Set(recipients).size, 25, 'no address got two emails')
    assert.equal(new Set(smtp.received.map((mail) => mail.parsed.messageId)).size, 25)
    assert.match(smtp.received[0]?.parsed.text ?? '', /Read it on our website:\nhttp:\/\/consult.test\//)
    const kept = await context.db('outbox').where('dedupe_key', 'like', 'test:%').whereNotNull('recipient').pluck('id')
    assert.deepEqual(kept, [], 'addresses are forgotten once sent')
    smtp.received.length = 0
  })

  it('renews its claim before each send, and skips a job another worker took over mid-batch', async () => {
    await smtp.listening
    const repository = createOutboxRepository(context.db)
    await context.db.transaction(async (trx) => {
      for (const name of ['slow1', 'slow2', 'slow3']) {
        await repository.enqueue(trx, outcomeJob(`test:${name}`, `${name}@example.test`), now())
      }
    })
    const jobOf = (reference: string) => context.db('outbox').where({ reference }).first()
    const claimTimes: number[] = []
    const inner = smtpSender()
    // Each send takes 4 minutes; while the first is sent, another instance takes over the second job.
    const slowSender: EmailProvider = {
      name: 'smtp',
      async send(email) {
        claimTimes.push(new Date((await jobOf(email.reference)).claimed_at).getTime() - clock)
        if (claimTimes.length === 1) {
          await context
            .db('outbox')
            .where({ dedupe_key: 'test:slow2' })
            .update({ claimed_by: 'other-worker', claimed_at: now() })
        }
        clock += 4 * 60 * 1000
        await inner.send(email)
      },
    }
    const counts = await outboxOf(context.db, slowSender).sendDue()

    assert.deepEqual(smtp.received.flatMap((mail) => mail.recipients).sort(), [
      'slow1@example.test',
      'slow3@example.test',
    ])
    assert.deepEqual(claimTimes, [0, 0], 'each claim is renewed just before its send')
    assert.deepEqual([counts.sent, counts.lost], [2, 1])
    const taken = await context.db('outbox').where({ dedupe_key: 'test:slow2' }).first()
    assert.deepEqual([taken.status, taken.claimed_by], ['sending', 'other-worker'], 'left to the worker that took it')
    await context.db('outbox').where({ dedupe_key: 'test:slow2' }).delete()
    smtp.received.length = 0
  })

  it('retries a failing email with back-off, then keeps it as failed for admins', async () => {
    const repository = createOutboxRepository(context.db)
    await context.db.transaction((trx) =>
      repository.enqueue(trx, outcomeJob('test:refused', 'refused@example.test'), now()),
    )
    const worker = outboxOf(context.db, smtpSender())
    let waits: number[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await worker.sendDue()
      const job = await context.db('outbox').where({ dedupe_key: 'test:refused' }).first()
      assert.equal(job.attempts, attempt)
      assert.equal(job.last_error, 'smtp-550', 'the error is a code, never the server message with the address')
      if (attempt < MAX_ATTEMPTS) {
        waits = [...waits, new Date(job.next_attempt_at).getTime() - clock]
        assert.equal(job.status, 'pending')
        clock = new Date(job.next_attempt_at).getTime()
      } else {
        assert.equal(job.status, 'failed')
        assert.deepEqual([job.recipient, job.personalisation], [null, {}], 'no address or link is kept once failed')
      }
    }
    assert.deepEqual(
      waits.map((ms) => ms / 60_000),
      [1, 2, 4, 8, 16, 32, 64],
    )
    assert.equal((await worker.countByStatus()).failed, 1)
    assert.equal(smtp.received.length, 0)

    const { agent } = await signInAs(context.app, context.db, 'admin')
    const page = await agent.get('/admin/notifications').expect(200)
    const failedCount = parse(page.text)('td:contains("Failed after every attempt")').next()
    assert.equal(fold(failedCount.text()), '1')
    const failedRow = parse(page.text)('caption:contains("Failed emails")').closest('table').find('tbody tr')
    assert.equal(fold(failedRow.text()), `outcome ${MAX_ATTEMPTS} smtp-550 ${fold(failedRow.find('td').last().text())}`)
    assert.doesNotMatch(page.text, /example\.test/, 'no address is shown')
    assert.equal(await htmlErrorsIn(page.text).then((errors) => errors.length), 0)
  })

  it('sends through GOV.UK Notify with the template, personalisation and reference', async () => {
    await notify.listening
    const config = testConfig({ ...NOTIFY_ENV, NOTIFY_BASE_URL: notify.url })
    const repository = createOutboxRepository(context.db)
    await context.db.transaction((trx) =>
      repository.enqueue(trx, outcomeJob('test:notify', 'someone@example.test'), now()),
    )
    await outboxOf(context.db, notifyProvider(config.notify!)).sendDue()

    assert.deepEqual(notify.refused, [])
    const { reference } = await context.db('outbox').where({ dedupe_key: 'test:notify' }).first()
    assert.deepEqual(notify.received, [
      {
        template_id: NOTIFY_ENV.NOTIFY_TEMPLATE_OUTCOME,
        email_address: 'someone@example.test',
        personalisation: outcomeJob('', '').personalisation,
        reference,
      },
    ])
  })
})
