import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import argon2 from 'argon2'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { currentTotp } from '../../src/admin/auth/totp'
import { useTestApp } from '../support/app'
import { createUser, csrfTokenFrom, postForm, signIn, TEST_PASSWORD } from '../support/auth'
import { fold, parse } from '../support/html'

let clockOffsetMs = 0
// One proxy in front, as deployed: the client's address is the last one in X-Forwarded-For.
const context = useTestApp({ env: { TRUST_PROXY: '1' }, now: () => new Date(Date.now() + clockOffsetMs) })
const MINUTE = 60 * 1000

let ipCounter = 0
/** A fresh address from a documentation range for each test, so tests do not share IP counters. */
const newIp = () => `198.51.100.${++ipCounter}`

/** Agents from one address, each holding the sign-in form's CSRF token, ready to post at once. */
async function readyToSignIn(ip: string, count: number): Promise<{ agent: TestAgent; _csrf: string }[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const agent = request.agent(context.app).set('X-Forwarded-For', ip)
      return { agent, _csrf: await csrfTokenFrom(agent, '/admin/sign-in') }
    }),
  )
}

const post = ({ agent, _csrf }: { agent: TestAgent; _csrf: string }, email: string, password: string) =>
  agent.post('/admin/sign-in').type('form').send({ _csrf, email, password })

const signInFrom = (ip: string, email: string, password: string) =>
  signIn(request.agent(context.app).set('X-Forwarded-For', ip), email, password)

const errorOf = (html: string) => fold(parse(html)('.govuk-error-summary').text())

/** 401: the password was checked and was wrong. 429: refused without checking it. */
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length

describe('concurrent sign-in guesses', () => {
  it('check at most 5 passwords of 40 wrong guesses sent at once from one address', async (t) => {
    const user = await createUser(context.db, 'editor')
    const agents = await readyToSignIn(newIp(), 40)
    const verifications = t.mock.method(argon2, 'verify')
    const responses = await Promise.all(agents.map((agent, i) => post(agent, user.email, `wrong guess ${i}`)))
    assert.equal(verifications.mock.callCount(), 5, 'passwords checked')
    const statuses = responses.map((response) => response.status)
    assert.deepEqual([count(statuses, 401), count(statuses, 429)], [5, 35])
    const refused = responses.find((response) => response.status === 429)!
    assert.match(errorOf(refused.text), /Too many attempts to sign in\. Wait 1 minute and try again/)
  })

  it('refuse the right password sent last with 39 wrong ones', async () => {
    const user = await createUser(context.db, 'editor')
    const agents = await readyToSignIn(newIp(), 40)
    const responses = await Promise.all(
      agents.map((agent, i) => post(agent, user.email, i === 39 ? TEST_PASSWORD : `wrong guess ${i}`)),
    )
    assert.equal(responses[39]!.status, 429)
    assert.ok(
      count(
        responses.map((response) => response.status),
        401,
      ) <= 5,
    )
  })
})

describe('backing off', () => {
  it('does not stop an officer signing in from another address while an attacker hammers the account', async () => {
    const user = await createUser(context.db, 'editor')
    const attacker = newIp()
    const statuses: number[] = []
    for (let guess = 0; guess < 12; guess += 1)
      statuses.push((await signInFrom(attacker, user.email, `wrong guess ${guess}`)).status)
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, ...Array<number>(7).fill(429)])
    assert.equal((await signInFrom(attacker, user.email, TEST_PASSWORD)).status, 429)
    const officer = await signInFrom(newIp(), user.email, TEST_PASSWORD)
    assert.equal(officer.status, 303)
    assert.equal(officer.headers.location, '/admin')
  })

  it('waits twice as long after each further failure, lets the right password in after, and then forgets', async () => {
    const user = await createUser(context.db, 'analyst')
    const ip = newIp()
    for (let guess = 0; guess < 5; guess += 1)
      assert.equal((await signInFrom(ip, user.email, `wrong ${guess}`)).status, 401)
    try {
      clockOffsetMs += MINUTE + 1000
      assert.equal((await signInFrom(ip, user.email, 'wrong again')).status, 401)
      const waiting = await signInFrom(ip, user.email, TEST_PASSWORD)
      assert.equal(waiting.status, 429)
      assert.match(errorOf(waiting.text), /Wait 2 minutes and try again/)
      clockOffsetMs += 2 * MINUTE + 1000
      assert.equal((await signInFrom(ip, user.email, TEST_PASSWORD)).status, 303)
      for (let guess = 0; guess < 5; guess += 1)
        assert.equal((await signInFrom(ip, user.email, `later ${guess}`)).status, 401, 'success cleared the count')
    } finally {
      clockOffsetMs = 0
    }
  })
})

describe('the second factor', () => {
  it('checks at most 5 of 20 codes sent at once', async () => {
    const user = await createUser(context.db, 'analyst')
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    await context.db('users').where({ id: user.id }).update({ totp_secret: secret, totp_enabled_at: new Date() })
    const agent = request.agent(context.app).set('X-Forwarded-For', newIp())
    assert.equal((await signIn(agent, user.email)).headers.location, '/admin/sign-in/two-factor')
    const _csrf = await csrfTokenFrom(agent, '/admin/sign-in/two-factor')
    const right = currentTotp(secret, new Date())
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0')
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        agent.post('/admin/sign-in/two-factor').type('form').send({ _csrf, code: wrong }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    assert.equal(count(statuses, 401), 5)
    assert.equal(count(statuses, 429), 15)
    assert.equal(
      (await postForm(agent, '/admin/sign-in/two-factor', '/admin/sign-in/two-factor', { code: right })).status,
      429,
    )
  })
})
