import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createSignInBackoff, SIGN_IN_BACKOFF_RULES, type SignInBackoff } from '../../src/admin/auth/sign-in-backoff'
import { createBackoffRepository } from '../../src/rate-limit/backoff-repository'
import { useTestApp } from '../support/app'

const context = useTestApp()
const MINUTE = 60 * 1000
let clock = new Date('2026-12-04T09:00:00Z')
let backoff: SignInBackoff

before(async () => {
  await context.ready
  backoff = createSignInBackoff(createBackoffRepository(context.db), () => clock)
})

const allowed = async (account: string, ip: string) => (await backoff.take(account, ip)).allowed

describe('sign-in back-off', () => {
  it('counts concurrent attempts on one account and address one after another', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => allowed('racer@council.test', '192.0.2.1')))
    assert.equal(results.filter(Boolean).length, SIGN_IN_BACKOFF_RULES.pair.free)
  })

  it("never refuses an attempt within the free allowance, however the instances' clocks are ordered", async () => {
    // Two requests at once: the later-counted one may carry the earlier time (another instance, or a busy one).
    const { free } = SIGN_IN_BACKOFF_RULES.pair
    const later = new Date(clock.getTime() + 1000)
    const limiter = createSignInBackoff(createBackoffRepository(context.db), () => later)
    assert.ok((await limiter.take('skewed@council.test', '192.0.2.9')).allowed)
    for (let i = 1; i < free; i += 1) assert.ok(await allowed('skewed@council.test', '192.0.2.9'), `attempt ${i + 1}`)
  })

  it('slows one address trying many accounts, and no other address', async () => {
    const { free } = SIGN_IN_BACKOFF_RULES.ip
    for (let i = 0; i < free; i += 1) assert.ok(await allowed(`sprayed-${i}@council.test`, '192.0.2.2'))
    const refused = await backoff.take('sprayed-next@council.test', '192.0.2.2')
    assert.deepEqual(refused, { allowed: false, retryAt: new Date(clock.getTime() + MINUTE) })
    assert.ok(await allowed('sprayed-next@council.test', '192.0.2.3'))
  })

  it('has a ceiling per account, whatever the address, that lifts once the window has passed', async () => {
    const { free, windowMs } = SIGN_IN_BACKOFF_RULES.account
    for (let i = 0; i < free; i += 1)
      assert.ok(await allowed('targeted@council.test', `198.18.${Math.floor(i / 256)}.${i % 256}`))
    const refused = await backoff.take('targeted@council.test', '192.0.2.4')
    assert.deepEqual(refused, { allowed: false, retryAt: new Date(clock.getTime() + 15 * MINUTE) })
    clock = new Date(clock.getTime() + windowMs)
    assert.ok(await allowed('targeted@council.test', '192.0.2.4'))
    assert.ok(await allowed('targeted@council.test', '192.0.2.5'), 'a new window has begun')
  })

  it('lets a success cost the address nothing', async () => {
    const { free } = SIGN_IN_BACKOFF_RULES.ip
    for (let i = 0; i < free * 2; i += 1) {
      assert.ok(await allowed(`officer-${i}@council.test`, '192.0.2.6'))
      await backoff.succeeded(`officer-${i}@council.test`, '192.0.2.6')
    }
  })
})
