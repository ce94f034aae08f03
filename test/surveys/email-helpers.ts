import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { createEmailProvider } from '../../src/notifications/providers'
import { createServices } from '../../src/services'
import { testConfig } from '../support/app'
import { parse } from '../support/html'
import {
  type Agent,
  SURVEY,
  answerPage,
  answerPages,
  csrfTokenOf,
  fullPath,
  newAgent,
  submitFromCheck,
} from './journey-helpers'

/** A resident's emailed copy of their answers and emailed resume link, as email-copies*.test.ts send them. */

/** Another instance's scheduled worker, sending what is due. */
export const runWorker = (db: Knex, env: Record<string, string>) =>
  createServices(db, { emailProvider: createEmailProvider(testConfig(env)) }).outboxService.sendDue()

export const uniqueAddress = (label: string) => `${label}-${crypto.randomBytes(4).toString('hex')}@example.org`

export async function respond(app: Express): Promise<{ agent: Agent; confirmation: string }> {
  const agent = newAgent(app)
  await answerPages(agent, fullPath())
  const sent = await submitFromCheck(agent)
  assert.equal(sent.headers.location, `${SURVEY}/confirmation`)
  return { agent, confirmation: (await agent.get(`${SURVEY}/confirmation`).expect(200)).text }
}

export const emailCopy = async (agent: Agent, email: string) => {
  const page = await agent.get(`${SURVEY}/confirmation`)
  return agent
    .post(`${SURVEY}/confirmation`)
    .type('form')
    .send({ _csrf: csrfTokenOf(page.text), email })
}

/** Answers the first page and saves on the second; returns the saved page. */
export async function saveForLater(agent: Agent): Promise<string> {
  await answerPages(agent, fullPath().slice(0, 1))
  const saved = await answerPage(agent, fullPath()[1]![0], { ...fullPath()[1]![1], action: 'save' })
  assert.equal(saved.status, 200)
  return saved.text
}

export const emailLink = (agent: Agent, savedPage: string, email: string) => {
  const $ = parse(savedPage)
  const form = $('form:has(input[name="email"])')
  const fields = Object.fromEntries(
    form
      .find('input[type="hidden"]')
      .map((_, el) => [[String($(el).attr('name')), String($(el).val())]])
      .get(),
  )
  return agent
    .post(String(form.attr('action')))
    .type('form')
    .send({ ...fields, email })
}
