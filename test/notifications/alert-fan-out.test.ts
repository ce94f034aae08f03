import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Express } from 'express'
import request from 'supertest'
import { createServices } from '../../src/services'
import { signInAs } from '../support/auth'
import { appWithAllRoutes, TEST_BASE_URL, useTestApp } from '../support/app'
import { fold, parse } from '../support/html'

type TestAgent = ReturnType<typeof request.agent>

const context = useTestApp()
const DAY_MS = 24 * 60 * 60 * 1000

/** Confirmed alerts, as many residents would have made them through /alerts/new and the emailed link. */
async function addAlerts(
  prefix: string,
  count: number,
  filter: { q?: string; ward?: string[]; topic?: string[] },
  frequency: 'immediate' | 'weekly' = 'immediate',
  confirmedAt = new Date(Date.now() - 30 * DAY_MS),
): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, n) => `${prefix}-${n}@example.org`)
  await context.db.batchInsert(
    'alert_subscriptions',
    emails.map((email) => ({
      email,
      filter: JSON.stringify({ ward: [], audience: [], topic: [], ...filter }),
      description: `alerts for ${prefix}`,
      frequency,
      confirmed_at: confirmedAt,
      manage_secret: `secret-${email}`,
    })),
    200,
  )
  return emails
}

async function draftIn(ward: string, slug: string, title: string): Promise<number> {
  return createServices(context.db).consultationService.replaceConsultation({
    slug,
    title,
    summary: 'A consultation made by a test.',
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 30 * DAY_MS),
    publishedAt: null,
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [ward], audiences: [], topics: [] },
    feedback: null,
  })
}

/** Publishes as an officer would, counting the database statements the click costs. */
async function publishCounting(officer: TestAgent, consultationId: number): Promise<number> {
  const page = await officer.get(`/admin/consultations/${consultationId}`).expect(200)
  const _csrf = parse(page.text)('input[name="_csrf"]').first().attr('value')
  let statements = 0
  const count = () => (statements += 1)
  context.db.on('query', count)
  try {
    await officer.post(`/admin/consultations/${consultationId}/publish`).type('form').send({ _csrf }).expect(303)
  } finally {
    context.db.removeListener('query', count)
  }
  return statements
}

const recipientsOf = async (dedupePrefix: string) =>
  (
    await context.db('outbox').whereLike('dedupe_key', `${dedupePrefix}%`).orderBy('recipient').pluck('recipient')
  ).sort()

describe('alerts when a consultation is published, with many subscribers', () => {
  let app: Express
  let officer: TestAgent
  let actor: { id: number; email: string }
  let wards: string[] = []
  before(async () => {
    await context.ready
    app = appWithAllRoutes(context.db, { env: { SMTP_URL: 'smtp://127.0.0.1:9' } })
    ;({ agent: officer, user: actor } = await signInAs(app, context.db, 'editor'))
    wards = await context.db('wards').where({ covers_all_areas: false }).orderBy('id').limit(2).pluck('slug')
  })

  it('queues one email to each matching alert, in as many statements for 500 alerts as for 5', async () => {
    const [ward = '', otherWard = ''] = wards
    const few = await addAlerts('few', 5, { ward: [ward] })
    const small = await publishCounting(officer, await draftIn(ward, 'fan-out-small', 'Allotment rents'))
    assert.deepEqual(await recipientsOf('new-consultation:'), few.sort())

    const byWard = await addAlerts('ward', 250, { ward: [ward] })
    const bySearch = await addAlerts('search', 50, { q: 'bandstand' })
    await addAlerts('other-ward', 150, { ward: [otherWard] })
    await addAlerts('other-search', 50, { q: 'crematorium' })
    await addAlerts('weekly', 20, { ward: [ward] }, 'weekly')
    await addAlerts('too-late', 10, { ward: [ward] }, 'immediate', new Date(Date.now() + DAY_MS))
    const id = await draftIn(ward, 'fan-out-large', 'Restoring the park bandstand')
    const large = await publishCounting(officer, id)

    const expected = [...few, ...byWard, ...bySearch].sort()
    assert.equal(expected.length, 305)
    assert.deepEqual(await recipientsOf(`new-consultation:${id}:`), expected)
    assert.equal(large, small, 'the statements a publication costs do not grow with the alerts')

    const job = await context.db('outbox').where({ recipient: 'search-7@example.org' }).first()
    assert.equal(job.kind, 'new-consultation')
    assert.equal(job.personalisation.consultation_title, 'Restoring the park bandstand')
    assert.equal(job.personalisation.consultation_url, `${TEST_BASE_URL}/consultations/fan-out-large`)
    assert.equal(job.personalisation.alert_description, 'alerts for search')
    const manage = await request(app)
      .get(new URL(String(job.personalisation.manage_url)).pathname)
      .expect(200)
    assert.match(fold(parse(manage.text)('main li').text()), /alerts for search/)

    await publishCounting(officer, id)
    assert.equal((await recipientsOf(`new-consultation:${id}:`)).length, 305, 'publishing again sends nothing more')
  })

  it('queues weekly digests in as many statements for 300 alerts as for 3', async () => {
    const [ward = '', otherWard = ''] = wards
    await context.db('alert_subscriptions').where({ frequency: 'weekly' }).delete()
    let clock = Date.now()
    const { alertService, consultationService } = createServices(context.db, {
      now: () => new Date(clock),
      emailSite: { baseUrl: TEST_BASE_URL, councilName: 'Leicester City Council', secret: 'a-test-secret' },
    })
    const digests = async () => {
      let statements = 0
      const count = () => (statements += 1)
      context.db.on('query', count)
      try {
        return { queued: await alertService.enqueueWeeklyDigests(), statements }
      } finally {
        context.db.removeListener('query', count)
      }
    }
    const publish = async (ward: string, name: string) =>
      consultationService.publish(actor, await draftIn(ward, `weekly-${name.toLowerCase()}`, `Weekly ${name}`))
    await addAlerts('weekly-few', 3, { ward: [ward] }, 'weekly', new Date(clock))
    clock += 1000
    await publish(ward, 'A')
    clock += 7 * DAY_MS + 1000
    const small = await digests()
    assert.equal(small.queued, 3)
    clock += 1000

    await addAlerts('weekly-ward', 200, { ward: [ward] }, 'weekly', new Date(clock - 60_000))
    await addAlerts('weekly-other', 100, { ward: [otherWard] }, 'weekly', new Date(clock - 60_000))
    await publish(otherWard, 'B')
    await publish(ward, 'C')
    clock += 7 * DAY_MS + 1000
    const large = await digests()
    assert.equal(large.queued, 303)
    assert.equal(large.statements, small.statements)

    const [few, ward0, other0] = await Promise.all(
      ['weekly-few-0', 'weekly-ward-0', 'weekly-other-0'].map((name) =>
        context
          .db('outbox')
          .where({ recipient: `${name}@example.org` })
          .orderBy('id')
          .pluck('personalisation'),
      ),
    )
    const list = (slugs: string[]) =>
      slugs.map((slug) => `* Weekly ${slug}: ${TEST_BASE_URL}/consultations/weekly-${slug.toLowerCase()}`).join('\n')
    assert.deepEqual(
      few?.map((p: { consultations: string }) => p.consultations),
      [list(['A']), list(['C'])],
    )
    assert.deepEqual(
      ward0?.map((p: { consultations: string }) => p.consultations),
      [list(['C'])],
    )
    assert.deepEqual(
      other0?.map((p: { consultations: string }) => p.consultations),
      [list(['B'])],
    )
  })
})
