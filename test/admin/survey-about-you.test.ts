import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { postForm } from '../support/auth'
import { addPage, builderPath, editorWithConsultation, errorSummary, pagesOf, questionsOf } from './survey-helpers'

const context = useTestApp()

describe('the survey’s settings: the optional About you page', () => {
  let editor: TestAgent
  let id: number

  before(async () => {
    ;({ editor, id } = await editorWithConsultation(context, 'Cycle lanes on Narborough Road'))
    // Pages of its own, so that the About you page has something to come after.
    await addPage(editor, context.db, id, 'Your journeys')
    await addPage(editor, context.db, id, 'Your views')
  })

  it('turns the About you page on (with its consent question) and off, with an audit entry', async () => {
    const on = await postForm(editor, builderPath(id), builderPath(id), {
      introMarkdown: 'Tell us',
      estimatedMinutes: '5',
      aboutYouEnabled: 'yes',
    })
    assert.equal(on.status, 303)
    const aboutYou = (await pagesOf(context.db, id)).find((p) => p.is_about_you)
    assert.ok(aboutYou)
    assert.equal((await pagesOf(context.db, id)).at(-1)!.id, aboutYou.id, 'About you comes last')
    assert.ok((await questionsOf(context.db, aboutYou.id)).some((q) => q.key === 'age-band'))
    const bad = await postForm(editor, builderPath(id), builderPath(id), { introMarkdown: '', estimatedMinutes: 'ten' })
    assert.equal(bad.status, 400)
    assert.deepEqual(
      errorSummary(bad.text).map((e) => e.href),
      ['#estimatedMinutes', '#aboutYouEnabled'],
    )
    assert.equal(
      (
        await postForm(editor, builderPath(id), builderPath(id), {
          introMarkdown: '',
          estimatedMinutes: '',
          aboutYouEnabled: 'no',
        })
      ).status,
      303,
    )
    assert.equal(
      (await pagesOf(context.db, id)).some((p) => p.is_about_you),
      false,
    )
    const actions = await context.db('audit_log').where({ consultation_id: id }).pluck('action')
    assert.ok(actions.includes('survey.settings'), 'audit has survey.settings')
  })
})
