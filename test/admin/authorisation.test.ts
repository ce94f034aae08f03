import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { ADMIN_ROUTES } from '../../src/admin/route-table'
import { hasRole, ROLES, type Role } from '../../src/admin/users/roles'
import { useTestApp } from '../support/app'
import { createUser, csrfTokenFrom, signInAs } from '../support/auth'
import { fold, parse } from '../support/html'

const context = useTestApp()

/**
 * Every row of ADMIN_ROUTES against signed out and every role: signed out goes to sign-in (302),
 * a role below the row's gets the friendly 403 page, and a role at or above it gets through.
 */
describe('the admin authorisation matrix', () => {
  const agents = {} as Record<Role | 'signed out', { agent: TestAgent; token: string }>
  const params: Record<string, string> = {}

  before(async () => {
    const consultation = await context.db('consultations').where({ slug: 'substance-misuse-services' }).first('id')
    const document = await context.db('consultation_documents').first('id', 'consultation_id')
    const ward = await context.db('wards').first('id')
    const target = await createUser(context.db, 'analyst')
    const id = document?.consultation_id ?? consultation.id
    // The survey rows of the same consultation, when it has them; otherwise ids that name nothing (a 404).
    const page = await context
      .db('survey_pages')
      .join('surveys', 'surveys.id', 'survey_pages.survey_id')
      .where({ 'surveys.consultation_id': id })
      .first('survey_pages.id', 'survey_pages.key')
    const question = await context
      .db('survey_questions')
      .join('surveys', 'surveys.id', 'survey_questions.survey_id')
      .where({ 'surveys.consultation_id': id })
      .first('survey_questions.id')
    const response = await context.db('responses').where({ consultation_id: id }).first('id')
    const event = await context.db('consultation_events').where({ consultation_id: id }).first('id')
    Object.assign(params, {
      id: String(id),
      documentId: String(document?.id ?? 999999),
      taxonomy: 'wards',
      termId: String(ward.id),
      userId: String(target.id),
      pageId: String(page?.id ?? 999999),
      pageKey: page?.key ?? 'none',
      questionId: String(question?.id ?? 999999),
      responseId: String(response?.id ?? 999999),
      eventId: String(event?.id ?? 999999),
      slug: 'substance-misuse-services',
      key: 'prison-services',
      codeId: '999999',
    })
    const anonymous = request.agent(context.app)
    agents['signed out'] = { agent: anonymous, token: await csrfTokenFrom(anonymous, '/admin/sign-in') }
    for (const role of ROLES) {
      const { agent } = await signInAs(context.app, context.db, role)
      agents[role] = { agent, token: await csrfTokenFrom(agent, '/admin/account') }
    }
  })

  const pathOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name)
  // Writes that would change what later rows see are sent with an empty form, which the handlers refuse as invalid.
  const send = (who: keyof typeof agents, method: 'get' | 'post', path: string) => {
    const { agent, token } = agents[who]
    return method === 'get' ? agent.get(path) : agent.post(path).type('form').send({ _csrf: token })
  }

  const cases = ADMIN_ROUTES.length * (ROLES.length + 1)
  it(`covers ${ADMIN_ROUTES.length} routes × ${ROLES.length + 1} kinds of visitor = ${cases} cases`, () => {
    assert.ok(ADMIN_ROUTES.length >= 40)
  })

  for (const route of ADMIN_ROUTES) {
    describe(`${route.method.toUpperCase()} ${route.path} (${route.role})`, () => {
      it('sends a signed-out visitor to sign in', async () => {
        const response = await send('signed out', route.method, pathOf(route.path))
        assert.equal(response.status, 302)
        assert.equal(response.headers.location, '/admin/sign-in')
      })

      for (const role of ROLES) {
        const allowed = hasRole(role, route.role)
        it(`${allowed ? 'lets' : 'forbids'} ${role}`, async () => {
          const response = await send(role, route.method, pathOf(route.path))
          if (allowed) {
            assert.notEqual(response.status, 403, `${role} was refused`)
            assert.ok(
              !(response.status === 302 && response.headers.location === '/admin/sign-in'),
              `${role} was sent to sign in`,
            )
            assert.ok(response.status < 500, `server error ${response.status}`)
          } else {
            assert.equal(response.status, 403)
            assert.equal(fold(parse(response.text)('h1').text()), 'You do not have access to this page')
            assert.equal(response.headers['cache-control'], 'no-store')
          }
        })
      }
    })
  }
})
