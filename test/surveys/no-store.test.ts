import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type request from 'supertest'
import { useTestApp } from '../support/app'
import { SURVEY, answerPage, answerPages, csrfTokenOf, fullPath, newAgent, submitFromCheck } from './journey-helpers'

const context = useTestApp()

const assertNoStore = (response: request.Response, what: string) =>
  assert.equal(response.headers['cache-control'], 'no-store', `${what} (${response.status})`)

describe("pages that show a resident's answers are never cached", () => {
  it('sends Cache-Control: no-store on every question page, check answers and the confirmation', async () => {
    const agent = newAgent(context.app)
    const path = fullPath()
    await answerPages(agent, path)
    for (const [pageKey] of path) assertNoStore(await agent.get(`${SURVEY}/${pageKey}`), pageKey)
    const [firstKey, firstFields] = path[0]!
    const invalid = await answerPage(agent, firstKey, { ...firstFields, 'visit-frequency': 'nonsense' })
    assert.equal(invalid.status, 400)
    assertNoStore(invalid, 'a page shown again with its errors')
    assertNoStore(await agent.get(`${SURVEY}/check`), 'check answers')
    const submitted = await submitFromCheck(agent)
    assertNoStore(submitted, 'the redirect after sending')
    assertNoStore(await agent.get(`${SURVEY}/confirmation`), 'the confirmation')
  })

  it('sends it on the saved page, which holds the resume link, and on the resume link itself', async () => {
    const agent = newAgent(context.app)
    const [firstKey, firstFields] = fullPath()[0]!
    const page = await agent.get(`${SURVEY}/${firstKey}`)
    const saved = await agent
      .post(`${SURVEY}/${firstKey}`)
      .type('form')
      .send({ ...firstFields, action: 'save', _csrf: csrfTokenOf(page.text) })
    assert.equal(saved.status, 200)
    assertNoStore(saved, 'the saved page')
    const resumeUrl = /\/survey\/resume\/[A-Za-z0-9_-]{43}/.exec(saved.text)?.[0]
    assert.ok(resumeUrl, 'the saved page shows a resume link')
    const resumed = await newAgent(context.app).get(`/consultations/${SURVEY.split('/')[2]}${resumeUrl}`)
    assert.equal(resumed.status, 303)
    assertNoStore(resumed, 'the resume link')
  })
})
