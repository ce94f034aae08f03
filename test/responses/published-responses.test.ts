import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import { useTestApp } from '../support/app'
import { postForm, useSignedInAgents } from '../support/auth'
import { fold, parse, textOf } from '../support/html'
import {
  answerPage,
  answerPages,
  fullPath,
  newAgent,
  SAMPLE_SLUG,
  submitFromCheck,
  SURVEY,
} from '../surveys/journey-helpers'

const context = useTestApp()
const agents = useSignedInAgents(context)

const OVERVIEW = `/consultations/${SAMPLE_SLUG}`
const READ = `${OVERVIEW}/responses`
const NAME = 'Jane Smith'
const ANSWER = `More benches please. ${NAME} at number 4 agrees.`

const errorsOf = (html: string) => fold(parse(html)('.govuk-error-summary__list').text())

/** A resident answers every page with a comment naming a neighbour, then says how it may be published. */
async function respond(publishing: Record<string, string>): Promise<string> {
  const agent = newAgent(context.app)
  const pages = fullPath().map(([key, fields]): [string, typeof fields] =>
    key === 'what-would-help' ? [key, { ...fields, encourage: ANSWER }] : [key, fields],
  )
  assert.equal(await answerPages(agent, pages), `${SURVEY}/publishing`)
  const published = await answerPage(agent, 'publishing', publishing)
  assert.equal(published.status, 303, errorsOf(published.text))
  const check = await agent.get(`${SURVEY}/check`).expect(200)
  assert.match(textOf(parse(check.text)), /How may we publish your response\?/)
  const done = await submitFromCheck(agent)
  assert.equal(done.status, 303)
  const confirmation = await agent.get(`${SURVEY}/confirmation`).expect(200)
  return /ANON-[A-Z0-9]{8}/.exec(confirmation.text)![0]
}

describe('published responses, from the resident’s choice to the public page', () => {
  let consultationId: number
  let withoutName: string
  let notToPublish: string
  let moderation: string

  before(async () => {
    await context.ready
    consultationId = (await context.db('consultations').where({ slug: SAMPLE_SLUG }).first('id')).id
    moderation = `/admin/consultations/${consultationId}/moderation`
  })

  /** An editor switches publishing on or off in the survey settings. */
  async function setPublishing(publishResponses: 'yes' | 'no') {
    const builder = `/admin/consultations/${consultationId}/survey`
    const form = parse((await agents.editor.get(builder).expect(200)).text)
    const saved = await postForm(agents.editor, builder, builder, {
      introMarkdown: form('#introMarkdown').text(),
      estimatedMinutes: String(form('#estimatedMinutes').val() ?? ''),
      aboutYouEnabled: 'yes',
      publishResponses,
    })
    assert.equal(saved.status, 303)
    assert.equal(
      (await context.db('surveys').where({ consultation_id: consultationId }).first()).publish_responses,
      publishResponses === 'yes',
    )
  }

  it('an editor switches publishing on in the survey settings', async () => {
    await setPublishing('yes')
  })

  it('asks each resident how their response may be published, and needs a name to publish with it', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath())
    const blank = await answerPage(agent, 'publishing', {})
    assert.equal(blank.status, 400)
    assert.equal(errorsOf(blank.text), 'Select how we may publish your response')
    const noName = await answerPage(agent, 'publishing', { 'publish-consent': 'with_name' })
    assert.equal(noName.status, 400)
    assert.equal(errorsOf(noName.text), 'Enter the name to publish with your response')
    assert.equal(parse(noName.text)('input[name="publish-consent"]:checked').val(), 'with_name', 'the choice is kept')
  })

  it('stores the choice with the response, and nothing is public before moderation', async () => {
    withoutName = await respond({ 'publish-consent': 'without_name', 'publish-name': 'Ignored Name' })
    notToPublish = await respond({ 'publish-consent': 'do_not_publish' })
    const stored = await context.db('responses').where({ reference: withoutName }).first()
    assert.equal(stored.publishing_consent, 'without_name')
    assert.equal(stored.published_name, null, 'a name is kept only for "with my name"')
    assert.equal(stored.moderation_status, 'awaiting')
    assert.equal((await context.db('responses').where({ reference: notToPublish }).first()).moderation_status, null)

    const list = await agents.analyst.get(READ).expect(200)
    assert.match(textOf(parse(list.text)), /0 published responses/)
    await agents.analyst.get(`${READ}/${withoutName}`).expect(404)
    assert.doesNotMatch((await agents.analyst.get(OVERVIEW).expect(200)).text, /Read responses/)
  })

  it('an analyst reads the queue and a response, without forms to moderate, and is refused if they post', async () => {
    const queue = parse((await agents.analyst.get(moderation).expect(200)).text)
    const rows = queue('tbody tr')
      .map((_, row) => fold(queue(row).text()))
      .get()
    assert.ok(rows.some((row) => row.includes(withoutName) && row.includes('Awaiting moderation')))
    assert.ok(rows.some((row) => row.includes(notToPublish) && row.includes('Not for publication')))
    assert.equal(queue('main form').length, 0)

    const response = await context.db('responses').where({ reference: withoutName }).first('id')
    const page = `${moderation}/${response.id}`
    const shown = parse((await agents.analyst.get(page).expect(200)).text)
    assert.match(textOf(shown), new RegExp(ANSWER.replace('.', '\\.')), 'the analyst reads the answers')
    assert.equal(shown('main form').length, 0, 'no decision or redaction form')
    assert.equal(shown('input[name="decision"], textarea[name="part"]').length, 0)
    assert.match(textOf(shown), /Only an editor can approve, reject, withdraw or redact a response\./)

    const answer = String(
      (await context.db('response_answers').where({ response_id: response.id, text_value: ANSWER }).first()).id,
    )
    const approve = await postForm(agents.analyst, moderation, page, { decision: 'approve' })
    assert.equal(approve.status, 403)
    const redact = await postForm(agents.analyst, moderation, `${page}/redact`, { answer, part: NAME })
    assert.equal(redact.status, 403)
    assert.equal((await context.db('responses').where({ id: response.id }).first()).moderation_status, 'awaiting')
    assert.equal((await context.db('response_answers').where({ id: answer }).first()).redacted_text, null)
    assert.deepEqual(await context.db('audit_log').where({ entity_id: withoutName }).pluck('action'), [])
  })

  it('an editor redacts a name, checking the text is in the answer, without copying it to the audit log', async () => {
    const queue = parse((await agents.editor.get(moderation).expect(200)).text)
    assert.equal(queue('main form').length, 0, 'the queue links to each response')

    const id = (await context.db('responses').where({ reference: withoutName }).first('id')).id
    const page = `${moderation}/${id}`
    const form = parse((await agents.editor.get(page).expect(200)).text)
    const answer = String(
      (await context.db('response_answers').where({ response_id: id, text_value: ANSWER }).first()).id,
    )
    assert.equal(form(`input[name="answer"][value="${answer}"]`).length, 1, 'the answer has a redaction form')
    const wrong = await postForm(agents.editor, page, `${page}/redact`, { answer, part: 'John Doe' })
    assert.equal(wrong.status, 400)
    assert.equal(errorsOf(wrong.text), 'Enter text that appears in the answer exactly')
    assert.equal(parse(wrong.text)(`#part-${answer}`).val(), 'John Doe', 'what was typed is kept')
    const done = await postForm(agents.editor, page, `${page}/redact`, { answer, part: NAME })
    assert.equal(done.status, 303)

    const officerView = textOf(parse((await agents.editor.get(page).expect(200)).text))
    assert.match(officerView, new RegExp(`As the resident wrote it \\(officers only\\) ${ANSWER.replace('.', '\\.')}`))
    assert.match(officerView, /As published More benches please\. \[redacted\] at number 4 agrees\./)
    const full = textOf(parse((await agents.editor.get(`/admin/consultations/${consultationId}/responses/${id}`)).text))
    assert.match(full, /The resident chose: Publish my response without my name\./)
    assert.match(full, new RegExp(NAME), 'the whole response keeps the original')
    const audit = await context.db('audit_log').where({ entity_id: withoutName }).select('action', 'changes')
    assert.deepEqual(
      audit.map((row) => row.action),
      ['response.redact'],
    )
    assert.doesNotMatch(JSON.stringify(audit), /Jane|Smith|benches/)
  })

  it('refuses to approve a "do not publish" response', async () => {
    const id = (await context.db('responses').where({ reference: notToPublish }).first('id')).id
    const refused = await postForm(agents.editor, `${moderation}/${id}`, `${moderation}/${id}`, {
      decision: 'approve',
    })
    assert.equal(refused.status, 400)
    assert.match(errorsOf(refused.text), /asked us not to publish this response/)
    assert.equal((await context.db('responses').where({ id }).first()).moderation_status, null)
  })

  it('publishes an approved response, redacted, without its personal or About you answers', async () => {
    const id = (await context.db('responses').where({ reference: withoutName }).first('id')).id
    const approved = await postForm(agents.editor, `${moderation}/${id}`, `${moderation}/${id}`, {
      decision: 'approve',
    })
    assert.equal(approved.status, 303)

    const list = await agents.analyst.get(READ).expect(200)
    const page = textOf(parse(list.text))
    assert.match(page, /1 published response /)
    assert.match(page, new RegExp(`Response ${withoutName} Published as Anonymous`))
    assert.match(page, /More benches please\. \[redacted\] at number 4 agrees\./)
    assert.doesNotMatch(list.text, /Jane Smith|resident@example\.org|LE1 6ZG|What is your age/i)
    assert.doesNotMatch(page, new RegExp(notToPublish))
    assert.match((await agents.analyst.get(OVERVIEW).expect(200)).text, /href="\/consultations\/[a-z-]+\/responses"/)

    const one = textOf(parse((await agents.analyst.get(`${READ}/${withoutName}`).expect(200)).text))
    assert.match(one, new RegExp(`Reference ${withoutName}`))
    assert.match(one, /\[redacted\]/)
    assert.match(textOf(parse((await agents.analyst.get(`${READ}?q=benches`).expect(200)).text)), /1 published/)
    assert.match(textOf(parse((await agents.analyst.get(`${READ}?q=Smith`).expect(200)).text)), /0 published/)
    const byQuestion = parse((await agents.analyst.get(`${READ}?question=favourite`).expect(200)).text)
    assert.doesNotMatch(textOf(byQuestion), /benches/, 'only the chosen question’s answers')

    const api = await agents.analyst.get(`/api/consultations/${SAMPLE_SLUG}/responses`).expect(200)
    assert.equal(api.body.total, 1)
    assert.equal(api.body.responses[0].reference, withoutName)
    assert.doesNotMatch(JSON.stringify(api.body), /Jane Smith/)
    assert.match(JSON.stringify(api.body), /\[redacted\]/)
  })

  it('the export says whether and how each response is published', async () => {
    const slugBase = `/admin/consultations/${SAMPLE_SLUG}/exports/responses.csv`
    const csv = await agents.analyst.get(slugBase).buffer(true).expect(200)
    const records: string[][] = parseCsv(csv.text, { bom: true })
    const [header, ...rows] = records
    const column = (name: string) => header!.indexOf(name)
    const rowOf = (reference: string) => rows.find((row) => row[0] === reference)!
    assert.equal(rowOf(withoutName)[column('Publishing consent')], 'Publish my response without my name')
    assert.equal(rowOf(withoutName)[column('Moderation status')], 'Published')
    assert.equal(rowOf(notToPublish)[column('Publishing consent')], 'Do not publish my response')
  })

  it('switching publishing off takes approved responses off the public site, but not out of moderation', async () => {
    await setPublishing('no')
    assert.match(textOf(parse((await agents.analyst.get(READ).expect(200)).text)), /0 published responses/)
    await agents.analyst.get(`${READ}/${withoutName}`).expect(404)
    assert.doesNotMatch((await agents.analyst.get(OVERVIEW).expect(200)).text, /Read responses/)
    const api = await agents.analyst.get(`/api/consultations/${SAMPLE_SLUG}/responses`).expect(200)
    assert.equal(api.body.total, 0)
    assert.deepEqual(api.body.responses, [])
    const queue = parse((await agents.editor.get(moderation).expect(200)).text)
    const row = queue('tbody tr')
      .map((_, cells) => fold(queue(cells).text()))
      .get()
      .find((text) => text.includes(withoutName))
    assert.match(row ?? '', /Published/, 'the officer still sees it approved')

    await setPublishing('yes')
    assert.match(textOf(parse((await agents.analyst.get(`${READ}/${withoutName}`).expect(200)).text)), /\[redacted\]/)
  })

  it('withdrawing a published response takes it off the public site', async () => {
    const id = (await context.db('responses').where({ reference: withoutName }).first('id')).id
    const withdrawn = await postForm(agents.editor, `${moderation}/${id}`, `${moderation}/${id}`, {
      decision: 'withdraw',
    })
    assert.equal(withdrawn.status, 303)
    assert.match(textOf(parse((await agents.analyst.get(READ).expect(200)).text)), /0 published responses/)
    await agents.analyst.get(`${READ}/${withoutName}`).expect(404)
    const actions = await context.db('audit_log').where({ entity_id: withoutName }).orderBy('id').pluck('action')
    assert.deepEqual(actions, ['response.redact', 'response.approve', 'response.withdraw'])
  })
})
