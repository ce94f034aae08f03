import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { describe, it } from 'node:test'
import { parse, textOf } from '../support/html'
import { useTestApp } from '../support/app'
import {
  SAMPLE_SLUG,
  SURVEY,
  answerPage,
  answerPages,
  csrfTokenOf,
  type Fields,
  fullPath,
  newAgent,
  submitFromCheck,
} from './journey-helpers'

/** The clock the app reads; a test moves it past the closing date. */
let clock: Date | undefined
const context = useTestApp({ now: () => clock ?? new Date() })

const countResponses = async () => {
  const row = await context
    .db('responses')
    .join('consultations', 'consultations.id', 'responses.consultation_id')
    .where('consultations.slug', SAMPLE_SLUG)
    .count<{ count: string | number }[]>({ count: '*' })
    .first()
  return Number(row!.count)
}

describe('validation errors on a page', () => {
  it('re-shows the page with the input kept, an error summary linking to each field, and field messages', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, [['your-visits', { 'visit-frequency': 'weekly' }]])
    const response = await answerPage(agent, 'the-parks-you-use', {
      'main-park': '',
      'visit-minutes': 'lots',
      'last-visit-day': '31',
      'last-visit-month': '2',
      'last-visit-year': '2026',
    })
    assert.equal(response.status, 400)
    const $ = parse(response.text)
    assert.match($('title').text(), /^Error: /)
    const links = $('.govuk-error-summary a')
      .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
      .get()
    assert.deepEqual(links, [
      { text: 'Select the park you visit most', href: '#main-park' },
      { text: 'The date of your last visit must be a real date', href: '#last-visit-day' },
      { text: 'How many minutes you usually stay must be a number', href: '#visit-minutes' },
    ])
    for (const link of links) assert.equal($(link.href).length, 1, `${link.href} names a field on the page`)
    assert.equal($('#visit-minutes').val(), 'lots')
    assert.equal($('#last-visit-day').val(), '31')
    assert.match($('#visit-minutes-error').text(), /must be a number/)
  })
})

describe('submission', () => {
  it('is idempotent: a replayed final POST shows the same confirmation and stores nothing more', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath())
    const check = await agent.get(`${SURVEY}/check`)
    const form = {
      _csrf: csrfTokenOf(check.text),
      submissionKey: String(parse(check.text)('input[name="submissionKey"]').val()),
    }
    const before = await countResponses()
    const first = await agent.post(`${SURVEY}/check`).type('form').send(form)
    const replay = await agent.post(`${SURVEY}/check`).type('form').send(form)
    assert.equal(first.headers.location, `${SURVEY}/confirmation`)
    assert.equal(replay.headers.location, `${SURVEY}/confirmation`)
    assert.equal(await countResponses(), before + 1)
  })

  it('stores an option added while the resident was answering under its own code', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath().slice(0, 1))
    const question = await context
      .db('survey_questions as q')
      .join('surveys as s', 's.id', 'q.survey_id')
      .join('consultations as c', 'c.id', 's.consultation_id')
      .where({ 'c.slug': SAMPLE_SLUG, 'q.key': 'visit-frequency' })
      .first<{ id: number; choice_slot: number }>('q.id', 'q.choice_slot')
    const last = await context
      .db('survey_question_options')
      .where({ question_id: question.id })
      .first<{ position: number; code: number }>(
        context.db.raw('max(position)::int as position'),
        context.db.raw('max(code)::int as code'),
      )
    // As the survey builder adds an option: the next position and an unused code, in one statement.
    await context.db('survey_question_options').insert({
      question_id: question.id,
      value: 'every-evening',
      label: 'Every evening',
      position: last.position + 1,
      code: last.code + 1,
    })
    const changedAnswers = fullPath().map(([key, fields]): [string, Fields] =>
      key === 'your-visits' ? [key, { 'visit-frequency': 'every-evening' }] : [key, fields],
    )
    await answerPages(agent, changedAnswers)
    const sent = await submitFromCheck(agent)
    assert.equal(sent.headers.location, `${SURVEY}/confirmation`)
    const stored = await context
      .db('responses')
      .orderBy('id', 'desc')
      .first<{ choice_codes: (string | number | null)[] }>('choice_codes')
    assert.equal(Number(stored.choice_codes[question.choice_slot - 1]), last.code + 1)
  })

  it('refuses a survey that closed while the resident was answering, and stores nothing', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath())
    const check = await agent.get(`${SURVEY}/check`)
    const before = await countResponses()
    clock = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000)
    try {
      const refused = await agent
        .post(`${SURVEY}/check`)
        .type('form')
        .send({ _csrf: csrfTokenOf(check.text) })
      assert.equal(refused.status, 403)
      assert.match(
        textOf(parse(refused.text)),
        /This survey has closed.*Your answers have not been sent and we have not kept them/,
      )
      const page = await agent.get(`${SURVEY}/your-visits`)
      assert.equal(page.status, 403)
    } finally {
      clock = undefined
    }
    assert.equal(await countResponses(), before)
  })

  it('refuses a forthcoming consultation', async () => {
    const sample = context.db('consultations').where({ slug: SAMPLE_SLUG })
    const { opens_at: opensAt } = await sample.clone().first('opens_at')
    await sample.clone().update({ opens_at: new Date(Date.now() + 24 * 60 * 60 * 1000) })
    try {
      const start = await newAgent(context.app).get(SURVEY)
      assert.match(textOf(parse(start.text)), /This survey opens on/)
      assert.equal(parse(start.text)('a.govuk-button--start').length, 0)
      await newAgent(context.app).get(`${SURVEY}/your-visits`).expect(403)
    } finally {
      await sample.clone().update({ opens_at: opensAt })
    }
  })
})

describe('CSRF protection', () => {
  it('refuses a form with a wrong token with a friendly 403, keeping nothing from it', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, [['your-visits', { 'visit-frequency': 'weekly' }]])
    const refused = await agent
      .post(`${SURVEY}/your-visits`)
      .type('form')
      .send({ _csrf: 'forged', 'visit-frequency': 'never' })
    assert.equal(refused.status, 403)
    assert.match(textOf(parse(refused.text)), /Sorry, your form could not be sent/)
    const page = parse((await agent.get(`${SURVEY}/your-visits`)).text)
    assert.equal(page('input[name="visit-frequency"][checked]').val(), 'weekly', 'the forged answer was not kept')
    const submit = await agent.post(`${SURVEY}/check`).type('form').send({})
    assert.equal(submit.status, 403)
  })
})

describe('an expired session', () => {
  it('offers to start again, never a 500, when a resident returns to a later page or sends a form', async () => {
    const get = await newAgent(context.app).get(`${SURVEY}/facilities`)
    assert.equal(get.status, 200)
    assert.match(textOf(parse(get.text)), /Sorry, you’ll have to start again/)
    const post = await newAgent(context.app).post(`${SURVEY}/facilities`).type('form').send({ 'feel-safe': 'agree' })
    assert.equal(post.status, 403)
    assert.equal(parse(post.text)('a.govuk-button').attr('href'), SURVEY)
    const check = await newAgent(context.app).get(`${SURVEY}/check`)
    assert.match(textOf(parse(check.text)), /start again/)
  })
})

describe('save and come back later', () => {
  it('gives a resume link that restores the answers in a new browser, and is used up by submitting', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath().slice(0, 2))
    const page = await agent.get(`${SURVEY}/facilities`)
    const saved = await agent
      .post(`${SURVEY}/facilities`)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), action: 'save', 'feel-safe': 'agree' })
    assert.equal(saved.status, 200)
    const $ = parse(saved.text)
    const link = $('.app-resume-link a').attr('href')!
    assert.match($('.app-resume-link').text(), new RegExp(`^http://consult.test${SURVEY}/resume/[A-Za-z0-9_-]{43}$`))
    assert.match(textOf($), /were not saved because some of them need correcting/)
    const token = link.split('/').pop()!
    const stored = await context.db('survey_drafts').select('token_hash')
    assert.ok(
      stored.some((row) => row.token_hash === crypto.createHash('sha256').update(token).digest('hex')),
      'only the hash is stored',
    )
    assert.ok(stored.every((row) => row.token_hash !== token))

    const laterBrowser = newAgent(context.app)
    const resumed = await laterBrowser.get(link)
    assert.equal(resumed.headers.location, `${SURVEY}/facilities`, 'resumes at the first unanswered page')
    const earlier = parse((await laterBrowser.get(`${SURVEY}/the-parks-you-use`)).text)
    assert.equal(earlier('#visit-minutes').val(), '45')

    await answerPages(laterBrowser, fullPath().slice(2))
    assert.equal((await submitFromCheck(laterBrowser)).status, 303)
    const used = await newAgent(context.app).get(link)
    assert.equal(used.status, 404)
    assert.match(textOf(parse(used.text)), /This link has expired or is not valid/)
  })

  it('does not accept a made-up token', async () => {
    const response = await newAgent(context.app).get(`${SURVEY}/resume/${crypto.randomBytes(32).toString('base64url')}`)
    assert.equal(response.status, 404)
  })
})
