import assert from 'node:assert/strict'
import { before } from 'node:test'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import type { Role } from '../../src/admin/users/roles'
import { createServices } from '../../src/services'
import { parse } from './html'

export const TEST_PASSWORD = 'orange tractor window 42'
/**
 * The test users' hashes are argon2id at its least cost, so that signing one in costs milliseconds, not a
 * quarter second of CPU (hundreds of sign-ins a run). The app's own hashing keeps production's cost, which
 * passwords.test.ts pins.
 */
const TEST_USER_HASHING = { memoryCost: 256, timeCost: 2, parallelism: 1 }
let counter = 0

/** The CSRF token of the first form on a page the agent fetches. */
export async function csrfTokenFrom(agent: TestAgent, path: string): Promise<string> {
  const response = await agent.get(path)
  const token = parse(response.text)('input[name="_csrf"]').first().attr('value')
  assert.ok(token, `no CSRF token on ${path} (status ${response.status})`)
  return token
}

/** Creates an active user through the service, with a password. */
export async function createUser(
  db: Knex,
  role: Role,
  email = `${role}-${++counter}-${Date.now()}@council.test`,
): Promise<{ id: number; email: string }> {
  const { userService } = createServices(db, { passwordHashing: TEST_USER_HASHING })
  const id = await userService.createWithPassword({ email, displayName: `Test ${role}`, role, password: TEST_PASSWORD })
  return { id, email }
}

/** Posts the sign-in form as a browser would, CSRF token and all. */
export async function signIn(agent: TestAgent, email: string, password = TEST_PASSWORD) {
  const _csrf = await csrfTokenFrom(agent, '/admin/sign-in')
  return agent.post('/admin/sign-in').type('form').send({ _csrf, email, password })
}

/** A supertest agent signed in as a new user with the given role. */
export async function signInAs(
  app: Express,
  db: Knex,
  role: Role,
): Promise<{ agent: TestAgent; user: { id: number; email: string } }> {
  const agent = request.agent(app)
  const user = await createUser(db, role)
  const response = await signIn(agent, user.email)
  assert.equal(response.status, 303, `sign-in as ${role} failed: ${response.status}`)
  assert.equal(response.headers.location, '/admin')
  return { agent, user }
}

/** Posts a form on behalf of a signed-in agent, taking the token from `formPage`. */
export async function postForm(
  agent: TestAgent,
  formPage: string,
  action: string,
  fields: Record<string, string | string[]> = {},
) {
  const _csrf = await csrfTokenFrom(agent, formPage)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf, ...fields })
}

export type SignedInAgents = Record<Role, TestAgent>

/** An agent signed in as a new officer of each role, made before the file's tests (after `useTestApp`'s own before). */
export function useSignedInAgents(context: { app: Express; db: Knex; ready: Promise<void> }): SignedInAgents {
  const agents = {} as SignedInAgents
  before(async () => {
    await context.ready
    for (const role of ['analyst', 'editor', 'admin'] as const)
      agents[role] = (await signInAs(context.app, context.db, role)).agent
  })
  return agents
}

/** The session cookie of a new officer with this role, for clients other than supertest (a raw http.get, a browser). */
export async function sessionCookieFor(app: Express, db: Knex, role: Role): Promise<string> {
  const user = await createUser(db, role)
  const cookieOf = (response: request.Response) => (response.headers['set-cookie']?.[0] ?? '').split(';')[0]!
  const page = await request(app).get('/admin/sign-in')
  const _csrf = parse(page.text)('input[name="_csrf"]').first().attr('value')
  const signedIn = await request(app)
    .post('/admin/sign-in')
    .set('Cookie', cookieOf(page))
    .type('form')
    .send({ _csrf, email: user.email, password: TEST_PASSWORD })
  assert.equal(signedIn.status, 303, `sign-in as ${role} failed: ${signedIn.status}`)
  return cookieOf(signedIn)
}
