import http from 'node:http'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { currentTotp } from '../../src/admin/auth/totp'
import { createServices } from '../../src/services'
import { createUser, csrfTokenFrom, signIn } from '../support/auth'
import { parse } from '../support/html'
import {
  answerPage,
  answerPages,
  fullPath,
  SAMPLE_ANSWERS,
  SAMPLE_SLUG,
  submitFromCheck,
} from '../surveys/journey-helpers'
import { type FormFields, formFieldsOf } from './forms'
import type { FuzzSession } from './routes'

export interface SignedSession {
  agent: TestAgent
  token: string
}

export type RouteParams = Readonly<Record<string, string>>

export interface FuzzFixtures {
  server: http.Server
  sessions: Record<Exclude<FuzzSession, 'leaver'>, SignedSession>
  /** The email form on the page a saved survey shows, which no GET serves. */
  resumeForm: FormFields
  /** Route parameters naming real records, one consistent set per consultation. */
  paramSets: readonly RouteParams[]
  /** A new session, for a route that ends the one it is sent with. */
  freshSession: () => Promise<SignedSession>
  close: () => Promise<void>
}

const OLD_SLUG = 'substance-misuse-services'

async function signedInOfficer(server: http.Server, db: Knex, role: 'analyst' | 'editor' | 'admin') {
  const agent = request.agent(server)
  const user = await createUser(db, role)
  const response = await signIn(agent, user.email)
  if (response.status !== 303) throw new Error(`sign-in as ${role} answered ${response.status}`)
  return { agent, token: await csrfTokenFrom(agent, '/admin/account') }
}

/** An officer with two-factor sign-in on, whose password has been accepted and whose code is awaited. */
async function halfSignedIn(server: http.Server, db: Knex): Promise<SignedSession> {
  const officer = await createUser(db, 'analyst')
  const setup = request.agent(server)
  await signIn(setup, officer.email)
  const page = parse((await setup.get('/admin/account/two-factor')).text)
  const secret = page('.app-secret').text().replace(/\s+/g, '')
  const _csrf = String(page('input[name="_csrf"]').val())
  await setup
    .post('/admin/account/two-factor')
    .type('form')
    .send({ _csrf, code: currentTotp(secret, new Date()) })
  const agent = request.agent(server)
  const signedIn = await signIn(agent, officer.email)
  if (signedIn.headers.location !== '/admin/sign-in/two-factor') throw new Error('two-factor sign-in was not asked')
  return { agent, token: await csrfTokenFrom(agent, '/admin/sign-in/two-factor') }
}

/** A resident who has answered the first page and saved it; the saved page's email form has the resume token. */
async function resident(server: http.Server): Promise<SignedSession & { resumeForm: FormFields }> {
  const agent = request.agent(server)
  await answerPages(agent, fullPath().slice(0, 1))
  const saved = await answerPage(agent, 'your-visits', { ...SAMPLE_ANSWERS['your-visits'], action: 'save' })
  const token = await csrfTokenFrom(agent, `/consultations/${SAMPLE_SLUG}/survey/your-visits`)
  return { agent, token, resumeForm: formFieldsOf(saved.text, `/consultations/${SAMPLE_SLUG}/survey/resume/email`) }
}

async function respondent(server: http.Server): Promise<SignedSession> {
  const agent = request.agent(server)
  await answerPages(agent, fullPath())
  const sent = await submitFromCheck(agent)
  if (sent.status !== 303) throw new Error(`the sample survey was not sent: ${sent.status}`)
  return { agent, token: await csrfTokenFrom(agent, `/consultations/${SAMPLE_SLUG}/survey/confirmation`) }
}

/** A user invited by email, who has not set a password: no password hashing, and a set-password token. */
async function invited(db: Knex, name: string): Promise<{ id: number; token: string }> {
  const invite = await createServices(db).userService.invite(null, {
    email: `${name}@fuzz.test`,
    displayName: `Fuzz ${name}`,
    role: 'analyst',
  })
  if (!invite.ok) throw new Error(invite.error)
  return { id: invite.userId, token: invite.token }
}

async function firstRow(query: Knex.QueryBuilder): Promise<Record<string, unknown>> {
  const row = (await query.first()) as Record<string, unknown> | undefined
  if (!row) throw new Error(`the seed data has no row for ${query.toSQL().sql}`)
  return row
}

/** The records each consultation's routes name: its survey's pages and questions, a response, a code, a term. */
async function paramSetFor(db: Knex, slug: string, extra: Record<string, string>): Promise<RouteParams> {
  const services = createServices(db)
  const actor = (await firstRow(db('users').select('id', 'email'))) as { id: number; email: string }
  const consultation = await firstRow(db('consultations').where({ slug }).select('id'))
  const id = Number(consultation.id)
  const survey = await firstRow(db('surveys').where({ consultation_id: id }).select('id'))
  const page = await firstRow(
    db('survey_pages').where({ survey_id: survey.id }).orderBy('position').select('id', 'key'),
  )
  const question = await firstRow(
    db('survey_questions')
      .where({ survey_id: survey.id })
      .whereIn('type', ['long_text', 'short_text'])
      .select('id', 'key'),
  )
  const response = await db('responses').where({ consultation_id: id }).first('id')
  const event = await db('consultation_events').where({ consultation_id: id }).first('id')
  const code = await services.codingService.addCode(actor, id, { label: `Fuzz code ${slug}`, description: '' })
  const documentId = await services.consultationService.addDocument(actor, id, {
    title: 'Fuzz minutes',
    filename: 'minutes.txt',
    contentType: 'text/plain',
    content: Buffer.from('Minutes'),
  })
  const target = await invited(db, `target-${slug}`)
  return {
    id: String(id),
    slug,
    pageId: String(page.id),
    questionId: String(question.id),
    key: String(question.key),
    responseId: String(response?.id ?? 999_999),
    eventId: String(event?.id ?? 999_999),
    codeId: String(code.ok ? code.id : 999_999),
    documentId: String(documentId),
    userId: String(target.id),
    ...extra,
  }
}

/** One listening server with keep-alive, an agent per kind of session, and the records the routes name. */
export async function openFuzzFixtures(app: Express, db: Knex): Promise<FuzzFixtures> {
  const server = http.createServer({ keepAlive: true }, app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const roles = ['analyst', 'editor', 'admin'] as const
  const officers = await Promise.all(roles.map((role) => signedInOfficer(server, db, role)))
  const resetToken = (await invited(db, 'invited')).token
  const visitor = request.agent(server)
  const savedResident = await resident(server)
  const sessions = {
    analyst: officers[0]!,
    editor: officers[1]!,
    admin: officers[2]!,
    visitor: { agent: visitor, token: await csrfTokenFrom(visitor, '/admin/sign-in') },
    'half-signed-in': await halfSignedIn(server, db),
    resident: savedResident,
    respondent: await respondent(server),
  }
  const paramSets = [
    await paramSetFor(db, SAMPLE_SLUG, { taxonomy: 'wards', pageKey: 'your-visits', token: resetToken }),
    await paramSetFor(db, OLD_SLUG, { taxonomy: 'topics', pageKey: 'facilities', token: 'expired-or-unknown' }),
  ]
  const termIds = await Promise.all(
    paramSets.map(async (set) => String((await firstRow(db(String(set.taxonomy)).select('id'))).id)),
  )
  return {
    server,
    sessions,
    resumeForm: savedResident.resumeForm,
    paramSets: paramSets.map((set, index) => ({ ...set, termId: termIds[index]! })),
    freshSession: async () => {
      const agent = request.agent(server)
      return { agent, token: await csrfTokenFrom(agent, '/admin/sign-in') }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
