import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type TestAgent from 'supertest/lib/agent'
import { isoLondonDate } from '../../src/shared/dates'
import { useTestApp } from '../support/app'
import { postForm, signInAs } from '../support/auth'
import { fold, parse, textOf } from '../support/html'

const context = useTestApp()

const errorSummary = (html: string) => {
  const page = parse(html)
  return page('.govuk-error-summary__list a')
    .map((_, el) => ({ text: fold(page(el).text()), href: page(el).attr('href') }))
    .get()
}
const references = (html: string) => {
  const page = parse(html)
  return page('tbody .govuk-table__row td:first-child')
    .map((_, el) => fold(page(el).text()))
    .get()
}

describe('responses to the 2014 consultation', () => {
  let editor: TestAgent
  let analyst: TestAgent
  let editorId: number
  let id: number
  let base: string

  before(async () => {
    const signedIn = await signInAs(context.app, context.db, 'editor')
    editor = signedIn.agent
    editorId = signedIn.user.id
    analyst = (await signInAs(context.app, context.db, 'analyst')).agent
    id = (await context.db('consultations').where({ slug: 'substance-misuse-services' }).first('id')).id
    base = `/admin/consultations/${id}/responses`
  })

  it('lists 25 a page, newest first, with pages to move between', async () => {
    const stored = await context
      .db('responses')
      .where({ consultation_id: id })
      .orderBy([
        { column: 'submitted_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .pluck('reference')
    assert.equal(stored.length, 115)
    const first = await analyst.get(base).expect(200)
    const page = parse(first.text)
    assert.equal(fold(page('caption').text()), '115 responses, page 1 of 5')
    assert.deepEqual(references(first.text), stored.slice(0, 25))
    assert.equal(page('.govuk-pagination__next a').attr('href'), `${base}?page=2`)
    assert.deepEqual(references((await analyst.get(`${base}?page=5`).expect(200)).text), stored.slice(100))
    assert.deepEqual(
      references((await analyst.get(`${base}?page=99`).expect(200)).text),
      stored.slice(100),
      'past the end shows the last page',
    )
    assert.deepEqual(
      references((await analyst.get(`${base}?page=abc`).expect(200)).text),
      stored.slice(0, 25),
      'a bad page number is ignored',
    )
    assert.match(textOf(page), /Online/)
  })

  it('filters by London date and by channel, and explains a date that is not real', async () => {
    const rows = await context.db('responses').where({ consultation_id: id }).select('reference', 'submitted_at')
    const day = isoLondonDate(new Date(rows[0]!.submitted_at))
    const expected = rows
      .filter((row) => isoLondonDate(new Date(row.submitted_at)) === day)
      .map((row) => row.reference)
      .sort()
    const [year, month, date] = day.split('-').map(Number)
    const dateOf = (end: string) => `${end}-day=${date}&${end}-month=${month}&${end}-year=${year}`
    const query = `${dateOf('from')}&${dateOf('to')}`
    const filtered = await analyst.get(`${base}?${query}`).expect(200)
    assert.deepEqual(references(filtered.text).sort(), expected)
    assert.equal(references((await analyst.get(`${base}?channel=paper`).expect(200)).text).length, 0)
    const bad = await analyst.get(`${base}?from-day=31&from-month=2&from-year=2014&channel=nonsense`)
    assert.equal(bad.status, 400)
    assert.deepEqual(errorSummary(bad.text), [
      { text: 'From date must be a real date, like 27 3 2026', href: '#from-day' },
      { text: 'Channel must be online, paper, or online and paper', href: '#channel' },
    ])
    assert.equal(fold(parse(bad.text)('caption').text()), '115 responses, page 1 of 5', 'the bad filter is left out')
  })

  it('shows one response in full, as the resident answered', async () => {
    const response = await context.db('responses').where({ consultation_id: id }).orderBy('id').first('id', 'reference')
    const answer = await context
      .db('response_answers')
      .join('survey_questions', 'survey_questions.id', 'question_id')
      .where({ response_id: response.id, 'survey_questions.type': 'agreement' })
      .first('survey_questions.title', 'survey_questions.id', 'option_value')
    const option = await context
      .db('survey_question_options')
      .where({ question_id: answer.id, value: answer.option_value })
      .first('label')
    const page = parse((await analyst.get(`${base}/${response.id}`).expect(200)).text)
    assert.equal(fold(page('h1').text()), `Response ${response.reference}`)
    const row = page('.govuk-summary-list__row').filter((_, el) => fold(page(el).find('dt').text()) === answer.title)
    assert.equal(fold(row.find('dd').text()), option.label)
    assert.equal(page(`a[href="${base}/${response.id}/delete"]`).length, 0, 'analysts cannot delete')
    await analyst.get(`${base}/999999`).expect(404)
  })

  it('takes a paper response after the close, with blanks, marked paper and entered by the officer', async () => {
    const form = `${base}/paper`
    const page = parse((await editor.get(form).expect(200)).text)
    assert.equal(page('textarea[name="other-comments"]').length, 1)
    const saved = await postForm(editor, form, form, { 'prison-services': 'agree', 'other-comments': 'Posted in late' })
    assert.equal(saved.status, 303)
    const stored = await context.db('responses').where({ consultation_id: id, channel: 'paper' }).first()
    assert.equal(stored.entered_by_user_id, editorId)
    assert.equal(saved.headers.location, `${base}/${stored.id}`)
    const shown = parse((await editor.get(saved.headers.location).expect(200)).text)
    assert.match(textOf(shown), /Paper, entered by editor-/)
    assert.match(textOf(shown), /Posted in late/)
    assert.equal(references((await editor.get(`${base}?channel=paper`).expect(200)).text)[0], stored.reference)
    const blank = await postForm(editor, form, form, {})
    assert.equal(blank.status, 400, 'a form with every question blank is not saved')
    const askedFor = [{ text: 'Enter at least one answer from the paper form', href: '#one-service' }]
    assert.deepEqual(errorSummary(blank.text), askedFor)
  })

  it('refuses invalid paper answers with the survey’s own messages', async () => {
    const before = await context
      .db('responses')
      .where({ consultation_id: id })
      .count<{ count: string | number }[]>({ count: '*' })
    const form = `${base}/paper`
    const response = await postForm(editor, form, form, {
      'prison-services': 'maybe',
      'other-comments': 'x'.repeat(5001),
    })
    assert.equal(response.status, 400)
    assert.deepEqual(errorSummary(response.text), [
      {
        text: 'Select whether you agree that services in HMP Leicester should stay part of the overall service',
        href: '#prison-services',
      },
      { text: 'Your answer must be 5,000 characters or less', href: '#other-comments' },
    ])
    assert.equal(parse(response.text)('textarea[name="other-comments"]').text().length, 5001, 'what was typed is kept')
    assert.deepEqual(
      await context.db('responses').where({ consultation_id: id }).count<{ count: string | number }[]>({ count: '*' }),
      before,
    )
  })

  it('deletes one response after confirmation, recorded in the audit log', async () => {
    const response = await context
      .db('responses')
      .where({ consultation_id: id, channel: 'online' })
      .orderBy('id')
      .first('id', 'reference')
    const path = `${base}/${response.id}/delete`
    const confirm = parse((await editor.get(path).expect(200)).text)
    assert.equal(fold(confirm('h1').text()), `Delete response ${response.reference}?`)
    const unconfirmed = await postForm(editor, path, path, {})
    assert.equal(unconfirmed.status, 400)
    assert.deepEqual(errorSummary(unconfirmed.text), [
      { text: 'Select yes if you want to delete this response', href: '#confirm' },
    ])
    const kept = await postForm(editor, path, path, { confirm: 'no' })
    assert.equal(kept.headers.location, `${base}/${response.id}`)
    assert.ok(await context.db('responses').where({ id: response.id }).first())
    const deleted = await postForm(editor, path, path, { confirm: 'yes' })
    assert.equal(deleted.status, 303)
    assert.equal(await context.db('responses').where({ id: response.id }).first(), undefined)
    assert.equal(
      Number(
        (
          await context
            .db('response_answers')
            .where({ response_id: response.id })
            .count<{ count: string | number }[]>({ count: '*' })
        )[0]!.count,
      ),
      0,
    )
    const audit = await context
      .db('audit_log')
      .where({ action: 'response.delete', entity_id: String(response.id) })
      .first()
    assert.equal(audit.consultation_id, id)
    assert.match(JSON.stringify(audit.changes), new RegExp(response.reference))
    await editor.get(`${base}/${response.id}`).expect(404)
  })

  it('fills in response counts on the consultations list', async () => {
    const count = Number(
      (
        await context.db('responses').where({ consultation_id: id }).count<{ count: string | number }[]>({ count: '*' })
      )[0]!.count,
    )
    const page = parse((await analyst.get('/admin/consultations').expect(200)).text)
    const row = page('tbody tr').filter((_, el) => page(el).find(`a[href="/admin/consultations/${id}"]`).length > 0)
    assert.equal(fold(row.find('td').last().text()), String(count))
    assert.equal(count, 115, '115 seeded, one paper (a blank form is not saved), one deleted')
  })
})
