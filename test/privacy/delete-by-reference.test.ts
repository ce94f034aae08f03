import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { useTestApp } from '../support/app'
import { postForm, useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import type { SurveyFixture } from '../support/survey-fixtures'
import { createPrivacyFixture } from './purge-fixture'

const context = useTestApp()
const agents = useSignedInAgents(context)
const FIND = '/admin/responses/delete'
const SLUG = 'privacy-delete'

const errorSummary = (html: string) => {
  const page = parse(html)
  return page('.govuk-error-summary__list a')
    .map((_, el) => ({ text: fold(page(el).text()), href: page(el).attr('href') }))
    .get()
}
const respondents = async () =>
  fold(
    parse((await agents.analyst.get(`/admin/consultations/${SLUG}/results`).expect(200)).text)(
      '#respondent-count',
    ).text(),
  )

describe('deleting a response by its reference', () => {
  let fixture: SurveyFixture
  before(async () => {
    await context.ready
    fixture = await createPrivacyFixture(context.db, SLUG)
  })

  it('is linked from the admin home page for editors', async () => {
    const home = parse((await agents.editor.get('/admin').expect(200)).text)
    assert.equal(fold(home(`a[href="${FIND}"]`).text()), 'Delete a response by its reference')
    assert.equal(parse((await agents.analyst.get('/admin').expect(200)).text)(`a[href="${FIND}"]`).length, 0)
  })

  it('says what is wrong with a missing, malformed or unknown reference', async () => {
    for (const [reference, message] of [
      ['', 'Enter the response reference'],
      ['12345', 'Enter a reference in the correct format, like ANON-K7Q9M2XP'],
      ['ANON-ZZZZZZZZ', 'No response has the reference ANON-ZZZZZZZZ. Check it and try again'],
    ]) {
      const response = await postForm(agents.editor, FIND, FIND, { reference: reference! })
      assert.equal(response.status, 400)
      assert.deepEqual(errorSummary(response.text), [{ text: message, href: '#reference' }])
      assert.equal(parse(response.text)('#reference').val(), reference)
    }
  })

  it('finds the response as the resident reads it out, confirms, deletes it from results and exports', async () => {
    assert.equal(await respondents(), '3 responses')
    const reference = fixture.references[0]!
    const spoken = `${reference.slice(5, 9).toLowerCase()} ${reference.slice(9)}`
    const found = await postForm(agents.editor, FIND, FIND, { reference: spoken })
    assert.equal(found.status, 303)
    const confirmPath = found.headers.location!
    const confirm = parse((await agents.editor.get(confirmPath).expect(200)).text)
    assert.equal(fold(confirm('h1').text()), `Delete response ${reference}?`)
    assert.match(textOf(confirm, '.govuk-warning-text'), /deleted for good.*You cannot undo this/)
    assert.match(textOf(confirm, '.govuk-summary-list'), new RegExp(`Consultation Fixture ${SLUG} Submitted`))

    const deleted = await postForm(agents.editor, confirmPath, confirmPath, { confirm: 'yes' })
    assert.equal(deleted.status, 303)
    assert.equal(await respondents(), '2 responses')
    const csv = (await agents.analyst.get(`/admin/consultations/${SLUG}/exports/responses.csv`).expect(200)).text
    assert.ok(!csv.includes(reference))
    const again = await postForm(agents.editor, FIND, FIND, { reference })
    assert.deepEqual(errorSummary(again.text), [
      { text: `No response has the reference ${reference}. Check it and try again`, href: '#reference' },
    ])
  })

  it('keeps the deletion in the audit log, with who and when but none of the answers', async () => {
    const audit = await context
      .db('audit_log')
      .where({ action: 'response.delete', consultation_id: fixture.consultationId })
      .first()
    assert.match(audit.user_email, /^editor-/)
    assert.ok(audit.created_at instanceof Date)
    const recorded = JSON.stringify(audit.changes)
    assert.match(recorded, new RegExp(fixture.references[0]!))
    for (const words of ['More benches please', 'resident.one@example.org', 'Friends of Abbey Park', 'castle'])
      assert.ok(!recorded.includes(words), `the audit log holds ${words}`)
  })
})
