import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm } from '../support/auth'
import { parse, textOf } from '../support/html'
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

// One survey, built up test by test: each test works on what the ones before it made. The builder's validation
// errors are in survey-builder-errors.test.ts, the About you page in survey-about-you.test.ts, routes and the
// preview in survey-routes.test.ts.
describe('building a survey for a new consultation', () => {
  let editor: TestAgent
  let id: number
  let firstPage: number
  let secondPage: number

  before(async () => ({ editor, id } = await editorWithConsultation(context, 'Cycle lanes on Narborough Road')))

  it('adds pages with stable keys made from their titles', async () => {
    firstPage = await addPage(editor, context.db, id, 'Your journeys')
    secondPage = await addPage(editor, context.db, id, 'Your views')
    const third = await addPage(editor, context.db, id, 'Your views')
    assert.deepEqual(
      (await pagesOf(context.db, id)).map((p) => p.key),
      ['your-journeys', 'your-views', 'your-views-2'],
    )
    const edit = await postForm(
      editor,
      builderPath(id, `/pages/${third}/edit`),
      builderPath(id, `/pages/${third}/edit`),
      { title: 'Anything else', introMarkdown: 'Last *page*' },
    )
    assert.equal(edit.status, 303)
    const pages = await pagesOf(context.db, id)
    assert.equal(pages[2]!.title, 'Anything else')
    assert.equal(pages[2]!.key, 'your-views-2', 'renaming keeps the key')
  })

  it('adds a question of every type', async () => {
    const questions: Record<string, string | string[]>[] = [
      {
        type: 'single_choice',
        title: 'How do you travel?',
        newOptions: 'Bike\nBus\nCar',
        allowOther: 'yes',
        otherLabel: 'Another way',
        required: 'yes',
      },
      {
        type: 'multiple_choice',
        title: 'Which days?',
        newOptions: 'Monday\nTuesday\nWednesday',
        minPicks: '1',
        maxPicks: '2',
      },
      { type: 'dropdown', title: 'Which ward?', newOptions: 'Castle\nWestcotes' },
      { type: 'short_text', title: 'Your street', maxLength: '100', personalData: 'yes' },
      { type: 'long_text', title: 'Why?', maxLength: '2000', hint: 'Tell us more' },
      { type: 'number', title: 'Trips a week', min: '0', max: '50' },
      { type: 'date', title: 'When did you last cycle?' },
      { type: 'email', title: 'Email address', personalData: 'yes' },
      { type: 'postcode', title: 'Postcode', personalData: 'yes' },
      { type: 'agreement', title: 'Do you agree with cycle lanes?' },
      { type: 'matrix', title: 'How safe is each road?', newStatements: 'Narborough Road\nHinckley Road' },
      { type: 'consent', title: 'How we use your information', newOptions: 'I agree', required: 'yes' },
    ]
    for (const fields of questions)
      await addQuestion(
        editor,
        context.db,
        id,
        fields.type === 'matrix' || fields.type === 'consent' ? secondPage : firstPage,
        fields,
      )
    const first = await questionsOf(context.db, firstPage)
    assert.deepEqual(
      first.map((q) => q.type),
      [
        'single_choice',
        'multiple_choice',
        'dropdown',
        'short_text',
        'long_text',
        'number',
        'date',
        'email',
        'postcode',
        'agreement',
      ],
    )
    assert.equal(first[0]!.key, 'how-do-you-travel')
    const settings = (q: { settings: unknown }) =>
      typeof q.settings === 'string' ? JSON.parse(q.settings) : q.settings
    assert.deepEqual(settings(first[0]), { allowOther: true, otherLabel: 'Another way' })
    assert.deepEqual(settings(first[1]), { minPicks: 1, maxPicks: 2 })
    assert.deepEqual(settings(first[5]), { min: 0, max: 50 })
    const options = await context
      .db('survey_question_options')
      .where({ question_id: first[0]!.id })
      .orderBy('position')
      .pluck('value')
    assert.deepEqual(options, ['bike', 'bus', 'car'])
    const statements = await context
      .db('survey_question_statements')
      .join('survey_questions', 'survey_questions.id', 'question_id')
      .where({ page_id: secondPage })
      .pluck('survey_question_statements.key')
    assert.deepEqual(statements, ['narborough-road', 'hinckley-road'])
    const page = parse((await editor.get(builderPath(id)).expect(200)).text)
    assert.match(textOf(page), /How do you travel\? Single choice \(radios\) Required/)
  })

  it('edits a question: wording, options, type (no responses yet)', async () => {
    const [travel] = await questionsOf(context.db, firstPage)
    const response = await postForm(
      editor,
      builderPath(id, `/questions/${travel!.id}/edit`),
      builderPath(id, `/questions/${travel!.id}/edit`),
      {
        type: 'single_choice',
        title: 'How do you usually travel?',
        'option-bike': 'Bicycle',
        'option-bus': 'Bus',
        'option-car': 'Car',
        removeOptions: 'car',
        newOptions: 'Walk',
        required: 'yes',
      },
    )
    assert.equal(response.status, 303)
    const options = await context
      .db('survey_question_options')
      .where({ question_id: travel!.id })
      .orderBy('position')
      .select('value', 'label')
    assert.deepEqual(options, [
      { value: 'bike', label: 'Bicycle' },
      { value: 'bus', label: 'Bus' },
      { value: 'walk', label: 'Walk' },
    ])
    const days = (await questionsOf(context.db, firstPage))[1]!
    const retyped = await postForm(
      editor,
      builderPath(id, `/questions/${days.id}/edit`),
      builderPath(id, `/questions/${days.id}/edit`),
      { type: 'short_text', title: 'Which days?' },
    )
    assert.equal(retyped.status, 303)
    assert.equal((await questionsOf(context.db, firstPage))[1]!.type, 'short_text')
  })

  it('reorders pages and questions, and says when something is already at the end', async () => {
    const before = await questionsOf(context.db, firstPage)
    assert.equal(
      (
        await postForm(editor, builderPath(id), builderPath(id, `/questions/${before[1]!.id}/move`), {
          direction: 'up',
        })
      ).status,
      303,
    )
    assert.deepEqual(
      (await questionsOf(context.db, firstPage)).slice(0, 2).map((q) => q.id),
      [before[1]!.id, before[0]!.id],
    )
    const stuck = await postForm(editor, builderPath(id), builderPath(id, `/pages/${firstPage}/move`), {
      direction: 'up',
    })
    assert.equal(stuck.status, 400)
    assert.deepEqual(errorSummary(stuck.text), [
      { text: '“Your journeys” is already the first page', href: `#page-${firstPage}` },
    ])
    assert.equal(
      (await postForm(editor, builderPath(id), builderPath(id, `/pages/${secondPage}/move`), { direction: 'up' }))
        .status,
      303,
    )
    assert.deepEqual(
      (await pagesOf(context.db, id)).map((p) => p.key),
      ['your-views', 'your-journeys', 'your-views-2'],
    )
    assert.equal(
      (await postForm(editor, builderPath(id), builderPath(id, `/pages/${secondPage}/move`), { direction: 'down' }))
        .status,
      303,
    )
    assert.deepEqual(
      (await pagesOf(context.db, id)).map((p) => p.key),
      ['your-journeys', 'your-views', 'your-views-2'],
    )
  })

  it('deletes a question and a page after confirmation, with audit entries', async () => {
    const [question] = await questionsOf(context.db, firstPage)
    const path = builderPath(id, `/questions/${question!.id}/delete`)
    const unconfirmed = await postForm(editor, path, path, {})
    assert.equal(unconfirmed.status, 400)
    assert.deepEqual(errorSummary(unconfirmed.text), [
      { text: 'Select yes if you want to delete it', href: '#confirm' },
    ])
    assert.equal((await postForm(editor, path, path, { confirm: 'no' })).status, 303)
    assert.ok(await context.db('survey_questions').where({ id: question!.id }).first())
    assert.equal((await postForm(editor, path, path, { confirm: 'yes' })).status, 303)
    assert.equal(await context.db('survey_questions').where({ id: question!.id }).first(), undefined)
    const third = (await pagesOf(context.db, id))[2]!
    const pagePath = builderPath(id, `/pages/${third.id}/delete`)
    assert.equal((await postForm(editor, pagePath, pagePath, { confirm: 'yes' })).status, 303)
    assert.equal((await pagesOf(context.db, id)).length, 2)
    const actions = await context.db('audit_log').where({ consultation_id: id }).pluck('action')
    for (const action of [
      'survey.page.create',
      'survey.page.update',
      'survey.page.move',
      'survey.question.create',
      'survey.question.update',
      'survey.question.move',
      'survey.question.delete',
      'survey.page.delete',
    ]) {
      assert.ok(actions.includes(action), `audit has ${action}`)
    }
  })
})
