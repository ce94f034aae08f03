import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { postForm, signIn, signInAs, TEST_PASSWORD, useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()
const agents = useSignedInAgents(context)
const NEW_PASSWORD = 'violet harbour lantern 77'

/** The same officer signed in twice, as on a desk computer and a laptop. */
async function signedInTwice() {
  const first = await signInAs(context.app, context.db, 'editor')
  const second = request.agent(context.app)
  assert.equal((await signIn(second, first.user.email)).status, 303)
  await second.get('/admin').expect(200)
  return { ...first, second }
}

describe('changing a password', () => {
  it('signs the officer out everywhere else, and keeps the session that changed it', async () => {
    const { agent, user, second } = await signedInTwice()
    const changed = await postForm(agent, '/admin/account/password', '/admin/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    })
    assert.equal(changed.status, 303)
    assert.match(textOf(parse((await agent.get('/admin/account').expect(200)).text)), /Your password has been changed/)
    assert.equal((await second.get('/admin')).headers.location, '/admin/sign-in', 'the other session has ended')
    assert.equal((await signIn(request.agent(context.app), user.email, NEW_PASSWORD)).status, 303)
  })
})

describe('a password reset link', () => {
  it('ends every session of the officer once it is used, and the officer signs in afresh', async () => {
    const { agent, user, second } = await signedInTwice()
    const issued = await postForm(agents.admin, `/admin/users/${user.id}`, `/admin/users/${user.id}/reset-password`)
    const link = new URL(fold(parse(issued.text)('#one-time-link').text())).pathname
    const visitor = request.agent(context.app)
    const set = await postForm(visitor, link, link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    assert.equal(set.headers.location, '/admin/sign-in?password=set')
    for (const ended of [agent, second, visitor]) assert.equal((await ended.get('/admin')).status, 302)
    assert.equal((await signIn(visitor, user.email, NEW_PASSWORD)).status, 303)
    await visitor.get('/admin').expect(200)
  })
})
