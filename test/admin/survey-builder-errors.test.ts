import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import { addPage, builderPath, editorWithConsultation, errorSummary } from './survey-helpers'

const context = useTestApp()

describe('the survey builder’s forms refuse what they cannot save, in the GOV.UK error pattern', () => {
  let editor: TestAgent
  let id: number

  before(async () => ({ editor, id } = await editorWithConsultation(context, 'Cycle lanes on Narborough Road')))

  it('starts empty, and refuses a page without a title in the GOV.UK error pattern', async () => {
    const page = parse((await editor.get(builderPath(id)).expect(200)).text)
    assert.match(textOf(page), /no survey pages yet/)
    const response = await postForm(editor, builderPath(id, '/pages/new'), builderPath(id, '/pages/new'), {
      title: '  ',
      introMarkdown: '',
    })
    assert.equal(response.status, 400)
    assert.deepEqual(errorSummary(response.text), [{ text: 'Enter a page title', href: '#title' }])
    assert.equal(fold(parse(response.text)('#title-error').text()), 'Error: Enter a page title')
  })

  it('shows question form errors in the GOV.UK pattern', async () => {
    // The page to ask on is added here: the test above needs the survey empty.
    const firstPage = await addPage(editor, context.db, id, 'Your journeys')
    const asks = async (fields: Record<string, string>) => {
      const response = await postForm(
        editor,
        builderPath(id, `/pages/${firstPage}/questions/new?type=${fields.type}`),
        builderPath(id, `/pages/${firstPage}/questions/new`),
        fields,
      )
      assert.equal(response.status, 400)
      return errorSummary(response.text)
    }
    assert.deepEqual(await asks({ type: 'single_choice', title: '', newOptions: 'A\nB' }), [
      { text: 'Enter the question', href: '#title' },
    ])
    assert.deepEqual(await asks({ type: 'single_choice', title: 'Pick', newOptions: 'Only one' }), [
      { text: 'Enter at least 2 options, one on each line', href: '#newOptions' },
    ])
    assert.deepEqual(await asks({ type: 'number', title: 'Age', min: '10', max: 'five' }), [
      { text: 'The largest number allowed must be a number, like 0 or 100', href: '#max' },
    ])
    assert.deepEqual(await asks({ type: 'number', title: 'Age', min: '10', max: '5' }), [
      { text: 'The smallest number allowed must not be more than the largest', href: '#min' },
    ])
    assert.deepEqual(await asks({ type: 'multiple_choice', title: 'Days', newOptions: 'A\nB', maxPicks: '3' }), [
      { text: 'The most options to pick must not be more than the number of options', href: '#maxPicks' },
    ])
    const sixtyThree = Array.from({ length: 63 }, (_, index) => `Option ${index + 1}`).join('\n')
    assert.deepEqual(await asks({ type: 'multiple_choice', title: 'Days', newOptions: sixtyThree }), [
      { text: 'A question with checkboxes can have up to 62 options', href: '#newOptions' },
    ])
    assert.deepEqual(
      await asks({ type: 'dropdown', title: 'Country', newOptions: sixtyThree, hint: 'x'.repeat(1001) }),
      [{ text: 'The hint must be 1,000 characters or less', href: '#hint' }],
    )
    assert.deepEqual(await asks({ type: 'long_text', title: 'Why', maxLength: '0' }), [
      { text: 'The character limit must be a whole number from 1 to 5,000', href: '#maxLength' },
    ])
    assert.deepEqual(await asks({ type: 'matrix', title: 'Rate' }), [
      { text: 'Enter at least 1 statement, one on each line', href: '#newStatements' },
    ])
    assert.deepEqual(await asks({ type: 'riddle', title: 'Rate' }), [
      { text: 'Select the type of question', href: '#type' },
    ])
    const chooser = await editor.get(builderPath(id, `/pages/${firstPage}/questions/new?type=riddle`))
    assert.equal(chooser.status, 400)
    assert.deepEqual(errorSummary(chooser.text), [{ text: 'Select the type of question', href: '#type' }])
  })
})
