import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashPassword, passwordProblem, verifyPassword } from '../../src/admin/auth/passwords'

describe('password hashes', () => {
  it('are argon2id at production cost unless a cost is given: 64 MiB, 3 passes, 4 lanes', async () => {
    const hash = await hashPassword('orange tractor window 42')
    assert.match(hash, /^\$argon2id\$v=19\$m=65536,p=4,t=3\$/)
    assert.equal(await verifyPassword(hash, 'orange tractor window 42'), true)
    assert.equal(await verifyPassword(hash, 'orange tractor window 43'), false)
  })

  it('refuse a common or short password, and take three random words', async () => {
    assert.equal(
      await passwordProblem('password1234'),
      'Password is too common or easy to guess. Try three random words',
    )
    assert.equal(await passwordProblem('short'), 'Password must be at least 12 characters')
    assert.equal(await passwordProblem('orange tractor window 42'), null)
  })
})
