import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import {
  addPage,
  addQuestion,
  builderPath,
  editorWithConsultation,
  errorSummary,
  pagesOf,
  questionsOf,
} from './survey-helpers'

const context = useTestApp()

// Three pages: a choice of how residents travel on the first, a consent question on the second.
describe('routes through a survey, and its preview', () => {
  let editor: TestAgent
  let id: number
  let firstPage: number
  let secondPage: number

  before(async () => {
    ;({ editor, id } = await editorWithConsultation(context, 'Bus lanes on Hinckley Road'))
    firstPage = await addPage(editor, context.db, id, 'Your journeys')
    secondPage = await addPage(editor, context.db, id, 'Your views')
    await addPage(editor, context.db, id, 'Anything else')
    await addQuestion(editor, context.db, id, firstPage, {
      type: 'single_choice',
      title: 'How do you travel?',
      newOptions: 'Bicycle\nBus\nWalk',
      required: 'yes',
    })
    await addQuestion(editor, context.db, id, secondPage, {
      type: 'consent',
      title: 'How we use your information',
      newOptions: 'I agree',
      required: 'yes',
    })
  })

  it('routes forward only: a route back, or a move that would make one, is refused', async () => {
    const [travel] = await questionsOf(context.db, firstPage)
    const form = builderPath(id, `/pages/${firstPage}/routes`)
    const saved = await postForm(editor, form, form, {
      'route-how-do-you-travel-walk': '__end__',
      'route-how-do-you-travel-bus': 'anything-else',
    })
    assert.equal(saved.status, 303)
    const routes = await context
      .db('survey_routes')
      .where({ question_id: travel!.id })
      .orderBy('option_value')
      .select('option_value', 'target_page_key')
    assert.deepEqual(routes, [
      { option_value: 'bus', target_page_key: 'anything-else' },
      { option_value: 'walk', target_page_key: null },
    ])
    const page = parse((await editor.get(form).expect(200)).text)
    assert.equal(page('#route-how-do-you-travel-walk option[selected]').attr('value'), '__end__')
    assert.deepEqual(
      page('#route-how-do-you-travel-bicycle option')
        .map((_, el) => page(el).attr('value'))
        .get(),
      ['', 'your-views', 'anything-else', '__end__'],
      'only later pages are offered',
    )

    const backForm = builderPath(id, `/pages/${secondPage}/routes`)
    const [consent] = await questionsOf(context.db, secondPage)
    const value = await context.db('survey_question_options').where({ question_id: consent!.id }).first('value')
    const back = await postForm(editor, backForm, backForm, {
      [`route-how-we-use-your-information-${value.value}`]: 'your-journeys',
    })
    assert.equal(back.status, 400)
    assert.match(errorSummary(back.text)[0]!.text, /routes can only go forward, so a survey cannot loop/)
    const unknown = await postForm(editor, backForm, backForm, {
      [`route-how-we-use-your-information-${value.value}`]: 'nowhere',
    })
    assert.equal(unknown.status, 400)

    const third = (await pagesOf(context.db, id))[2]!
    const move = (direction: string) =>
      postForm(editor, builderPath(id), builderPath(id, `/pages/${third.id}/move`), { direction })
    assert.equal((await move('up')).status, 303, 'the route still goes forward')
    const loop = await move('up')
    assert.equal(loop.status, 400)
    assert.match(
      errorSummary(loop.text)[0]!.text,
      /A route on page "your-journeys" goes back to "anything-else": routes can only go forward, so a survey cannot loop/,
    )
    assert.equal((await move('down')).status, 303)
    assert.deepEqual(
      (await pagesOf(context.db, id)).map((p) => p.key),
      ['your-journeys', 'your-views', 'anything-else'],
    )
    const actions = await context.db('audit_log').where({ consultation_id: id }).pluck('action')
    assert.ok(actions.includes('survey.routes.update'), 'the routes are in the audit log')
  })

  it('previews every page as a resident sees it, storing nothing', async () => {
    const responsesBefore = await context.db('responses').count<{ count: string | number }[]>({ count: '*' })
    const start = await editor.get(builderPath(id, '/preview'))
    assert.equal(start.status, 303)
    assert.equal(start.headers.location, builderPath(id, '/preview/your-journeys'))
    const page = parse((await editor.get(start.headers.location).expect(200)).text)
    assert.equal(fold(page('h1').text()), 'Your journeys')
    assert.match(textOf(page), /Preview\. This is how residents see this page/)
    assert.match(
      textOf(page),
      /If the answer to “How do you travel\?” is “Walk”, residents go to the end of the survey/,
    )
    assert.equal(page('form').last().attr('method'), 'get')
    assert.equal(page('form').last().attr('action'), builderPath(id, '/preview/your-views'))
    assert.equal(page('input[name="how-do-you-travel"]').length, 3, 'Bicycle, Bus and Walk')
    await editor.get(builderPath(id, '/preview/nowhere')).expect(404)
    assert.deepEqual(await context.db('responses').count<{ count: string | number }[]>({ count: '*' }), responsesBefore)
  })
})
