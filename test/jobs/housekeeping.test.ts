import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SessionData } from 'express-session'
import { ADVISORY_LOCKS } from '../../src/db/locks'
import { scheduledJobs } from '../../src/jobs/jobs'
import { createServices } from '../../src/services'
import { createSessionRepository } from '../../src/sessions/repository'
import { DatabaseSessionStore, SESSION_IDLE_MS } from '../../src/sessions/store'
import { createDraftRepository } from '../../src/surveys/drafts-repository'
import { useTestApp } from '../support/app'

const context = useTestApp()
const HOUR = 60 * 60 * 1000

function jobNamed(name: string) {
  const job = scheduledJobs(createServices(context.db)).find((candidate) => candidate.name === name)
  assert.ok(job, `no job named ${name}`)
  return job
}

describe('a session in use', () => {
  it('is kept a full idle time past each request, its expiry written at most once an hour', async () => {
    let clock = new Date('2026-12-03T09:00:00Z')
    const store = new DatabaseSessionStore(createSessionRepository(context.db), () => clock)
    const read = () =>
      new Promise((resolve, reject) =>
        store.get('in-use', (err, data) => (err ? reject(new Error('reading failed', { cause: err })) : resolve(data))),
      )
    const expiry = async () => {
      const row: { expired: Date } = await context.db('sessions').where({ sid: 'in-use' }).first('expired')
      return row.expired.getTime()
    }
    const data = JSON.parse('{"cookie":{"originalMaxAge":86400000},"n":1}') as SessionData
    await createSessionRepository(context.db).saveMany(
      new Map([['in-use', { data, expires: new Date(clock.getTime() + 2 * HOUR) }]]),
    )

    assert.deepEqual(await read(), data)
    const extended = await expiry()
    assert.equal(extended, clock.getTime() + SESSION_IDLE_MS + HOUR)
    clock = new Date(clock.getTime() + 50 * 60 * 1000)
    await read()
    assert.equal(await expiry(), extended, 'not written again within the hour')
    clock = new Date(clock.getTime() + SESSION_IDLE_MS)
    assert.ok(clock.getTime() < extended, 'a full idle time after the last request, it is still there')
    assert.deepEqual(await read(), data)
    clock = new Date((await expiry()) + 1)
    assert.equal(await read(), null, 'gone once left unused past its expiry')
  })

  it('read at the same moment as others, is its own, and an expired one is none', async () => {
    const repository = createSessionRepository(context.db)
    const store = new DatabaseSessionStore(repository)
    const dataOf = (n: number) => JSON.parse(`{"cookie":{"originalMaxAge":86400000},"n":${n}}`) as SessionData
    const expires = (n: number) => new Date(Date.now() + (n === 4 ? -HOUR : HOUR))
    await repository.saveMany(
      new Map([1, 2, 3, 4].map((n) => [`resident-${n}`, { data: dataOf(n), expires: expires(n) }])),
    )
    const read = (sid: string) =>
      new Promise((resolve, reject) => store.get(sid, (err, data) => (err ? reject(new Error(sid)) : resolve(data))))
    const sids = ['resident-1', 'resident-2', 'resident-4', 'resident-3', 'resident-2', 'nobody']
    assert.deepEqual(await Promise.all(sids.map(read)), [dataOf(1), dataOf(2), null, dataOf(3), dataOf(2), null])
    await context.db('sessions').whereLike('sid', 'resident-%').delete()
  })

  it('written at the same moment as others, is stored as its own', async () => {
    const store = new DatabaseSessionStore(createSessionRepository(context.db))
    const dataOf = (n: number) => JSON.parse(`{"cookie":{"originalMaxAge":86400000},"n":${n}}`) as SessionData
    const write = (sid: string, n: number) =>
      new Promise<void>((resolve, reject) =>
        store.set(sid, dataOf(n), (err) => (err ? reject(new Error(sid)) : resolve())),
      )
    await Promise.all([write('writer-1', 1), write('writer-2', 2), write('writer-1', 3), write('writer-3', 4)])
    const stored = await context.db('sessions').whereLike('sid', 'writer-%').orderBy('sid').select('sid', 'sess')
    assert.deepEqual(
      stored.map((row: { sid: string; sess: unknown }) => [row.sid, row.sess]),
      [
        ['writer-1', dataOf(3)],
        ['writer-2', dataOf(2)],
        ['writer-3', dataOf(4)],
      ],
    )
    await context.db('sessions').whereLike('sid', 'writer-%').delete()
  })
})

describe('housekeeping jobs', () => {
  it('deletes rate-limit counters whose window has ended, and keeps the current ones', async () => {
    const hourStart = (hoursAgo: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR - hoursAgo * HOUR)
    await context.db('rate_limit_counters').insert([
      { key: 'survey-submit:ip:192.0.2.1', window_start: hourStart(2), count: 3 },
      { key: 'survey-submit:ip:192.0.2.1', window_start: hourStart(0), count: 1 },
    ])
    assert.deepEqual(await jobNamed('delete-ended-rate-limit-counters').run(), { countersDeleted: 1 })
    const left = await context.db('rate_limit_counters').where({ key: 'survey-submit:ip:192.0.2.1' }).pluck('count')
    assert.deepEqual(left, [1])
  })

  it('deletes expired sessions and keeps live ones', async () => {
    const sessions = createSessionRepository(context.db)
    const data = JSON.parse('{"cookie":{"originalMaxAge":3600000}}') as SessionData
    await sessions.saveMany(
      new Map([
        ['expired-session', { data, expires: new Date(Date.now() - HOUR) }],
        ['live-session', { data, expires: new Date(Date.now() + HOUR) }],
      ]),
    )

    assert.deepEqual(await jobNamed('delete-expired-sessions').run(), { sessionsDeleted: 1 })
    const left = await context.db('sessions').whereIn('sid', ['expired-session', 'live-session']).pluck('sid')
    assert.deepEqual(left, ['live-session'])
  })

  it('deletes save-and-return drafts once their consultation has closed, and keeps the others', async () => {
    const drafts = createDraftRepository(context.db)
    const { id: consultationId } = await context.db('consultations').first<{ id: number }>('id')
    const draft = (tokenHash: string, expiresAt: Date) =>
      context.db.transaction((trx) =>
        drafts.insert(trx, { consultationId, tokenHash, answers: { completed: {} }, expiresAt }),
      )
    await draft('closed-draft', new Date(Date.now() - HOUR))
    await draft('open-draft', new Date(Date.now() + HOUR))

    assert.deepEqual(await jobNamed('delete-expired-drafts').run(), { draftsDeleted: 1 })
    const left = await context
      .db('survey_drafts')
      .whereIn('token_hash', ['closed-draft', 'open-draft'])
      .pluck('token_hash')
    assert.deepEqual(left, ['open-draft'])
  })

  it(
    'skips a turn while another instance runs the same job',
    { skip: !process.env.TEST_DATABASE_URL && 'PGlite has one connection' },
    async () => {
      let release: () => void = () => undefined
      const held = new Promise<void>((resolve) => (release = resolve))
      const otherInstance = context.db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(?)', [ADVISORY_LOCKS.sessionCleanup])
        await held
      })
      try {
        assert.deepEqual(await jobNamed('delete-expired-sessions').run(), { skipped: 'another instance is running it' })
      } finally {
        release()
        await otherInstance
      }
    },
  )
})
