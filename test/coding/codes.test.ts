import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import request from 'supertest'
import { useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import { createSurveyFixture } from '../support/survey-fixtures'

const context = useTestApp()
const BASE = '/admin/consultations/fixture-codes'

describe('coding free-text answers', () => {
  let agent: ReturnType<typeof request.agent>
  const get = async (path: string) => parse((await agent.get(path).expect(200)).text)
  const post = (path: string, form: string, csrf: string) =>
    agent
      .post(path)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&${form}`)

  before(async () => {
    agent = (await signInAs(context.app, context.db, 'analyst')).agent
    await createSurveyFixture(context.db, {
      slug: 'fixture-codes',
      responses: [
        { answers: { comments: 'Too much litter' } },
        { answers: { comments: 'Litter and broken paths' } },
        { answers: { comments: 'Lovely' } },
      ],
    })
  })

  it('explains a missing or repeated code name', async () => {
    const page = await get(`${BASE}/codes`)
    const csrf = page('input[name="_csrf"]').first().attr('value')!
    const empty = await post(`${BASE}/codes`, 'label=', csrf).expect(400)
    assert.match(textOf(parse(empty.text), '.govuk-error-summary'), /Enter a name for the code/)
    await post(`${BASE}/codes`, 'label=Litter', csrf).expect(303)
    const repeated = await post(`${BASE}/codes`, 'label=litter', csrf).expect(400)
    assert.match(textOf(parse(repeated.text), '.govuk-error-summary'), /already a code with that name/)
  })

  it('tags answers with one or more codes and counts them', async () => {
    let page = await get(`${BASE}/codes`)
    const csrf = page('input[name="_csrf"]').first().attr('value')!
    await post(`${BASE}/codes`, 'label=Paths&description=Paths+and+pavements', csrf).expect(303)

    const question = await get(`${BASE}/results/questions/comments`)
    const answerIds = question('input[name="answers"]').attr('value')!.split(',')
    const idFor = (text: string) =>
      answerIds[
        question('.app-answer-list__text')
          .map((_, el) => fold(question(el).text()))
          .get()
          .indexOf(text)
      ]!
    const codeId = (label: string) => question(`label:contains("${label}")`).first().attr('for')!.split('-').pop()!
    const form = [
      `answers=${answerIds.join(',')}`,
      `codes-${idFor('Too much litter')}=${codeId('Litter')}`,
      `codes-${idFor('Litter and broken paths')}=${codeId('Litter')}`,
      `codes-${idFor('Litter and broken paths')}=${codeId('Paths')}`,
    ].join('&')
    await post(`${BASE}/results/questions/comments/codes`, form, question('input[name="_csrf"]').attr('value')!).expect(
      303,
    )

    const tagged = await get(`${BASE}/results/questions/comments`)
    assert.equal(tagged(`#codes-${idFor('Litter and broken paths')}-${codeId('Paths')}`).attr('checked'), 'checked')
    assert.equal(tagged(`#codes-${idFor('Lovely')}-${codeId('Paths')}`).attr('checked'), undefined)
    page = await get(`${BASE}/codes`)
    const counts = page('table tbody tr')
      .map((_, el) => [[fold(page(el).find('th').contents().first().text()), fold(page(el).find('td').first().text())]])
      .get()
    assert.deepEqual(counts, [
      ['Litter', '2'],
      ['Paths', '1'],
    ])
  })
})
