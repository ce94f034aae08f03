import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { fold, parse } from '../support/html'
import { answerPage, csrfTokenOf, newAgent, SAMPLE_ANSWERS, SURVEY } from './journey-helpers'

const context = useTestApp()
const FIRST_PAGE = `${SURVEY}/your-visits`
const SECOND_PAGE = `${SURVEY}/the-parks-you-use`

/** The page's bytes as they are sent, gzipped on asking (supertest would unzip them), unzipped here. */
async function gzippedPage(cookie: string, path: string): Promise<string> {
  const server = http.createServer(context.app).listen(0)
  await once(server, 'listening')
  try {
    const { port } = server.address() as AddressInfo
    const [response] = (await once(
      http.get({ port, path, headers: { cookie, 'accept-encoding': 'gzip' } }),
      'response',
    )) as [http.IncomingMessage]
    const chunks: Buffer[] = []
    for await (const chunk of response) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-encoding'], 'gzip')
    assert.equal(Number(response.headers['content-length']), body.length)
    return zlib.gunzipSync(body).toString()
  } finally {
    server.close()
  }
}

/** The session cookie a resident's browser holds once their first answer is kept. */
async function residentPastFirstPage() {
  const agent = newAgent(context.app)
  const sent = await answerPage(agent, 'your-visits', SAMPLE_ANSWERS['your-visits']!)
  assert.equal(sent.status, 303)
  const cookies = sent.headers['set-cookie'] as unknown as string[]
  const session = cookies.find((cookie) => cookie.startsWith('hub.sid='))
  assert.ok(session)
  return { agent, cookie: session.split(';')[0]! }
}

const checkedIn = (html: string) =>
  parse(html)('input:checked')
    .map((_, input) => parse(html)(input).val())
    .get()

describe('the blank survey pages every resident is shown', () => {
  it('gives each resident the same page with their own working token, gzipped or not', async () => {
    const first = await residentPastFirstPage()
    const second = await residentPastFirstPage()
    const firstPage = await gzippedPage(first.cookie, SECOND_PAGE)
    const secondPage = await gzippedPage(second.cookie, SECOND_PAGE)
    const plain = await second.agent.get(SECOND_PAGE).set('Accept-Encoding', 'identity').expect(200)
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.match(String(plain.headers['content-type']), /^text\/html; charset=utf-8$/)
    assert.match(String(plain.headers.vary), /Accept-Encoding/)
    assert.equal(plain.headers['cache-control'], 'no-store')
    assert.equal(plain.text, secondPage)

    const firstToken = csrfTokenOf(firstPage)
    const secondToken = csrfTokenOf(secondPage)
    assert.notEqual(firstToken, secondToken)
    assert.equal(firstPage.replace(firstToken, 'TOKEN'), secondPage.replace(secondToken, 'TOKEN'))
    assert.equal(fold(parse(firstPage)('h1').text()), 'The parks you use')
    assert.equal(fold(parse(firstPage)('.app-survey-progress').text()), 'Page 2 of 6')

    for (const [agent, token] of [
      [first.agent, firstToken],
      [second.agent, secondToken],
    ] as const) {
      const sent = await agent
        .post(SECOND_PAGE)
        .type('form')
        .send({ ...SAMPLE_ANSWERS['the-parks-you-use'], _csrf: token })
      assert.equal(sent.status, 303)
    }
    const swapped = await first.agent
      .post(SECOND_PAGE)
      .type('form')
      .send({ ...SAMPLE_ANSWERS['the-parks-you-use'], _csrf: secondToken })
    assert.equal(swapped.status, 403)
  })

  it("never shows one resident's answers or errors to another", async () => {
    const answered = newAgent(context.app)
    assert.equal((await answerPage(answered, 'your-visits', { 'visit-frequency': 'weekly' })).status, 303)
    const again = await answered.get(FIRST_PAGE).expect(200)
    assert.deepEqual(checkedIn(again.text), ['weekly'])

    const wrong = newAgent(context.app)
    const refused = await answerPage(wrong, 'your-visits', {})
    assert.equal(refused.status, 400)
    assert.ok(parse(refused.text)('.govuk-error-summary').length > 0)

    const newcomer = await request(context.app).get(FIRST_PAGE).expect(200)
    assert.deepEqual(checkedIn(newcomer.text), [])
    assert.equal(parse(newcomer.text)('.govuk-error-summary').length, 0)
    assert.equal(parse((await wrong.get(FIRST_PAGE).expect(200)).text)('.govuk-error-summary').length, 0)
  })

  it("shows an officer's change to a question from the next request", async () => {
    const before = await request(context.app).get(FIRST_PAGE).expect(200)
    const legend = (html: string) => fold(parse(html)('legend').first().text())
    assert.equal(legend(before.text), 'How often do you visit a park in Leicester?')
    await context
      .db('survey_questions')
      .where({ key: 'visit-frequency' })
      .update({ title: 'How often do you go to a park?' })
    const after = await request(context.app).get(FIRST_PAGE).expect(200)
    assert.equal(legend(after.text), 'How often do you go to a park?')
  })
})

describe("a kept survey's answer checks", () => {
  it('check each answer against the question as it stands at that request', async () => {
    const resident = newAgent(context.app)
    const refused = await answerPage(resident, 'your-visits', {})
    assert.equal(refused.status, 400)
    await context.db('survey_questions').where({ key: 'visit-frequency' }).update({ required: false })
    try {
      const accepted = await answerPage(resident, 'your-visits', {})
      assert.equal(accepted.status, 303)
    } finally {
      await context.db('survey_questions').where({ key: 'visit-frequency' }).update({ required: true })
    }
    const refusedAgain = await answerPage(newAgent(context.app), 'your-visits', {})
    assert.equal(refusedAgain.status, 400)
  })
})
