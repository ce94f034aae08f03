import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { htmlErrorsIn } from '../browser/browser'
import { parse } from '../support/html'
import { useTestApp } from '../support/app'
import { SURVEY, answerPage, answerPages, newAgent } from './journey-helpers'

const context = useTestApp()

/** A resident who never visits and wants no updates goes straight from "What would help" to About you. */
async function atAboutYou() {
  const agent = newAgent(context.app)
  await answerPages(agent, [
    ['your-visits', { 'visit-frequency': 'never' }],
    ['what-would-help', { encourage: 'Cafés', updates: 'no' }],
  ])
  return agent
}

const summaryOf = (html: string) => {
  const $ = parse(html)
  return $('.govuk-error-summary a')
    .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
    .get()
}

describe('About you: responding on behalf of an organisation', () => {
  it('asks for the organisation’s name, in page order with the other errors, keeping the choice', async () => {
    const agent = await atAboutYou()
    const response = await answerPage(agent, 'about-you', {
      'respondent-type': 'on_behalf_of_an_organisation',
      organisation: '   ',
    })
    assert.equal(response.status, 400)
    const $ = parse(response.text)
    assert.match($('title').text(), /^Error: /)
    assert.deepEqual(summaryOf(response.text), [
      { text: 'Enter the name of the organisation', href: '#organisation' },
      { text: 'Select to confirm you agree to how we use your answers', href: '#consent' },
    ])
    assert.match($('#organisation-error').text(), /Enter the name of the organisation/)
    assert.equal($('input[name="respondent-type"]:checked').val(), 'on_behalf_of_an_organisation')
    assert.deepEqual(await htmlErrorsIn(response.text), [])
  })

  it('goes on once the organisation is named', async () => {
    const agent = await atAboutYou()
    const response = await answerPage(agent, 'about-you', {
      'respondent-type': 'on_behalf_of_an_organisation',
      organisation: 'Friends of Abbey Park',
      consent: 'yes',
    })
    assert.equal(response.status, 303)
    assert.equal(response.headers.location, `${SURVEY}/check`)
    assert.match(parse((await agent.get(`${SURVEY}/check`)).text)('main').text(), /Friends of Abbey Park/)
  })

  it('does not ask an individual, or someone who did not say, for an organisation', async () => {
    for (const choice of ['as_an_individual', 'prefer_not_to_say', '']) {
      const agent = await atAboutYou()
      const response = await answerPage(agent, 'about-you', {
        'respondent-type': choice,
        organisation: '',
        consent: 'yes',
      })
      assert.equal(
        response.status,
        303,
        `respondent type “${choice}”: ${summaryOf(response.text)
          .map((item) => item.text)
          .join(', ')}`,
      )
    }
  })
})
