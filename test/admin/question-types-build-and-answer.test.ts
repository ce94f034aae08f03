/**
 * Every question type, built with the survey builder's own forms and answered through the public survey and by
 * paper entry (the steps are in question-types-survey.ts). question-types-round-trip.test.ts reads the answers
 * back. One survey throughout: each test needs the ones before it (the survey built, then answered online).
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse } from '../support/html'
import { AGREEMENT_LABELS, ONLINE, PAGE_TITLES, PAPER, Q, ROUTED_ANSWER } from './question-types-fixtures'
import { answerOnline, buildSurvey, enterOnPaper, listedResponse, type BuiltSurvey } from './question-types-survey'
import { builderPath } from './survey-helpers'

const context = useTestApp()

describe('every question type can be built with the builder’s forms and answered online and on paper', () => {
  let editor: TestAgent
  let survey: BuiltSurvey
  const onlineReferences: string[] = []

  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
  })

  it('builds a survey of all 12 question types, with a routing rule, using the builder’s forms', async () => {
    survey = await buildSurvey(editor)
    assert.ok(survey.slug)
    assert.deepEqual(survey.scaleWhenEdited, AGREEMENT_LABELS)
    const shown = fold(parse((await editor.get(builderPath(survey.id))).text)('main').text())
    for (const title of Object.values(Q)) assert.ok(shown.includes(title), `the builder lists “${title}”`)
    assert.match(shown, /Routes \(1\)/)
  })

  it('offers the agreement scale to residents and takes answers online, following the route', async () => {
    for (const answers of ONLINE) {
      const { visited, reference } = await answerOnline(context.app, survey.slug, answers)
      const skipsSecondPage = answers[Q.hours] === ROUTED_ANSWER
      assert.equal(
        visited.some((heading) => heading.includes(PAGE_TITLES[1]!)),
        !skipsSecondPage,
        `route followed: ${visited.join(' / ')}`,
      )
      assert.match(reference, /\S/)
      onlineReferences.push(reference)
    }
  })

  it('takes answers by paper entry', async () => {
    for (const answers of PAPER) await enterOnPaper(editor, survey.id, answers)
    for (const reference of onlineReferences) {
      assert.ok(await listedResponse(editor, survey.id, reference), `${reference} is listed`)
    }
  })
})
