import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { useTestApp } from '../support/app'
import { expectRedirect, submitForm, submitShownForm } from '../support/browser-forms'
import { fold, parse } from '../support/html'
import { AGREEMENT_LABELS } from './question-types-fixtures'
import { builderPath, editorWithConsultation } from './survey-helpers'

const context = useTestApp()

describe('changing a question to and from the agreement scale before anyone answers', () => {
  it('offers the scale once it is an agreement question, and new options once it is radios again', async () => {
    const { editor: agent, id } = await editorWithConsultation(context, 'Street lighting')
    const base = builderPath(id)
    expectRedirect(await submitForm(agent, `${base}/pages/new`, { title: 'Lighting' }), 'add page')
    const pageLink = parse((await agent.get(base)).text)('a[href*="/questions/new"]').attr('href')
    const title = 'Is your street well lit?'
    const added = await submitForm(agent, `${pageLink}?type=single_choice`, { title, newOptions: 'Yes\nNo' })
    expectRedirect(added, 'add radios')
    const listed = parse((await agent.get(base)).text)
    const editPath = String(
      listed('a')
        .filter((_, el) => fold(listed(el).text()) === `Edit ${title}`)
        .attr('href'),
    )
    const previewLabels = async () => {
      const preview = await agent.get(`${base}/preview`)
      const $ = parse((await agent.get(expectRedirect(preview, 'preview'))).text)
      return $('.govuk-radios__label')
        .toArray()
        .map((label) => fold($(label).text()))
    }

    expectRedirect(await submitForm(agent, editPath, { type: 'agreement' }), 'change to agreement')
    const asAgreement = parse((await agent.get(editPath)).text)
    assert.deepEqual(
      asAgreement('.app-question-scale li')
        .toArray()
        .map((li) => fold(asAgreement(li).text())),
      AGREEMENT_LABELS,
    )
    assert.deepEqual(await previewLabels(), AGREEMENT_LABELS)

    // Without scripts the form shows the option fields once the type is changed and saved.
    const changed = await submitForm(agent, editPath, { type: 'single_choice' })
    assert.equal(changed.status, 400)
    assert.deepEqual(
      parse(changed.text)('.govuk-error-summary__list a')
        .toArray()
        .map((a) => fold(parse(changed.text)(a).text())),
      ['Enter at least 2 options, one on each line'],
    )
    expectRedirect(
      await submitShownForm(agent, changed.text, editPath, { newOptions: 'Yes\nNo\nPartly' }),
      'back to radios',
    )
    assert.deepEqual(await previewLabels(), ['Yes', 'No', 'Partly'])
  })
})
