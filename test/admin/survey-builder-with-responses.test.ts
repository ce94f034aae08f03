import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
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

// Once residents have answered, the survey builder refuses the changes that would orphan or reinterpret answers.

const context = useTestApp()

describe('a survey with responses refuses changes that would orphan answers', () => {
  let editor: TestAgent
  let id: number
  let pages: { id: number; key: string; title: string }[]
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    id = (await context.db('consultations').where({ slug: 'substance-misuse-services' }).first('id')).id
    pages = await pagesOf(context.db, id)
  })

  const refused = async (form: string, fields: Record<string, string | string[]>, message: RegExp) => {
    const response = await postForm(editor, form, form, fields)
    assert.equal(response.status, 400)
    assert.match(errorSummary(response.text)[0]!.text, message)
  }

  it('says so on the builder page', async () => {
    const page = parse((await editor.get(builderPath(id)).expect(200)).text)
    assert.match(textOf(page), /This survey has 115 responses\. You can fix wording/)
  })

  it('refuses deleting a question or a page with questions', async () => {
    const [question] = await questionsOf(context.db, pages[0]!.id)
    await refused(
      builderPath(id, `/questions/${question!.id}/delete`),
      { confirm: 'yes' },
      /You cannot delete the question “To what extent do you agree with having one service in Leicester, under one contract\?” because the survey already has 115 responses/,
    )
    await refused(
      builderPath(id, `/pages/${pages[0]!.id}/delete`),
      { confirm: 'yes' },
      /You cannot delete the page “How services are organised” because it has questions and the survey already has 115 responses/,
    )
    assert.equal((await questionsOf(context.db, pages[0]!.id)).length, 3)
  })

  it('refuses changing a type, but allows a wording fix', async () => {
    const [question] = await questionsOf(context.db, pages[0]!.id)
    const form = builderPath(id, `/questions/${question!.id}/edit`)
    await refused(
      form,
      { type: 'short_text', title: question!.title },
      /You cannot change the type of .* because the survey already has 115 responses\. You can still fix the wording/,
    )
    const fixed = await postForm(editor, form, form, {
      type: 'agreement',
      title: 'To what extent do you agree with having one service in Leicester, under a single contract?',
      hint: 'One provider',
    })
    assert.equal(fixed.status, 303)
    const row = await context.db('survey_questions').where({ id: question!.id }).first()
    assert.equal(
      row.title,
      'To what extent do you agree with having one service in Leicester, under a single contract?',
    )
    assert.equal(
      await context
        .db('survey_question_options')
        .where({ question_id: question!.id })
        .count<{ count: string | number }[]>({ count: '*' })
        .then((r) => Number(r[0]!.count)),
      6,
      'the scale is kept',
    )
  })
})

describe('once a fresh survey has a response, options and statements stay', () => {
  let editor: TestAgent
  let id: number
  let choice: number
  let matrix: number
  before(async () => {
    ;({ editor, id } = await editorWithConsultation(context, 'Street lighting'))
    const pageId = await addPage(editor, context.db, id, 'Lighting')
    choice = await addQuestion(editor, context.db, id, pageId, {
      type: 'single_choice',
      title: 'Is your street well lit?',
      newOptions: 'Yes\nNo',
    })
    matrix = await addQuestion(editor, context.db, id, pageId, {
      type: 'matrix',
      title: 'Rate the lighting',
      newStatements: 'Main roads\nSide streets',
    })
    const paper = `/admin/consultations/${id}/responses/paper`
    assert.equal((await postForm(editor, paper, paper, { 'is-your-street-well-lit': 'no' })).status, 303)
  })

  const edit = (questionId: number, fields: Record<string, string | string[]>) => {
    const form = builderPath(id, `/questions/${questionId}/edit`)
    return postForm(editor, form, form, fields)
  }

  it('refuses removing an option or a matrix statement, naming it', async () => {
    const removed = await edit(choice, {
      type: 'single_choice',
      title: 'Is your street well lit?',
      'option-yes': 'Yes',
      'option-no': 'No',
      removeOptions: 'no',
      newOptions: 'Partly',
    })
    assert.equal(removed.status, 400)
    assert.deepEqual(errorSummary(removed.text), [
      {
        text:
          'You cannot remove the option “No” from “Is your street well lit?”, ' +
          'because the survey already has 1 response. You can still fix the wording.',
        href: '#newOptions',
      },
    ])
    const statement = await edit(matrix, {
      type: 'matrix',
      title: 'Rate the lighting',
      'statement-main-roads': 'Main roads',
      'statement-side-streets': 'Side streets',
      removeStatements: 'side-streets',
    })
    assert.equal(statement.status, 400)
    assert.match(
      errorSummary(statement.text)[0]!.text,
      /You cannot remove the statement “Side streets” from “Rate the lighting”/,
    )
    assert.equal((await context.db('survey_question_statements').where({ question_id: matrix }).pluck('key')).length, 2)
  })

  it('allows relabelling and adding options', async () => {
    const saved = await edit(choice, {
      type: 'single_choice',
      title: 'Is your street well lit at night?',
      'option-yes': 'Yes, well lit',
      'option-no': 'No',
      newOptions: 'Not sure',
    })
    assert.equal(saved.status, 303)
    const options = await context
      .db('survey_question_options')
      .where({ question_id: choice })
      .orderBy('position')
      .select('value', 'label')
    assert.deepEqual(options, [
      { value: 'yes', label: 'Yes, well lit' },
      { value: 'no', label: 'No' },
      { value: 'not_sure', label: 'Not sure' },
    ])
  })
})
