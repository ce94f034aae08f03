import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { REFERENCE_PATTERN } from '../../src/responses/reference'
import { parse, textOf } from '../support/html'
import { useTestApp } from '../support/app'
import {
  SAMPLE_ANSWERS,
  SAMPLE_SLUG,
  SURVEY,
  answerPage,
  answerPages,
  fullPath,
  newAgent,
  submitFromCheck,
} from './journey-helpers'

const context = useTestApp()

const storedAnswers = async (reference: string) =>
  context
    .db('response_answers')
    .join('responses', 'responses.id', 'response_answers.response_id')
    .join('survey_questions', 'survey_questions.id', 'response_answers.question_id')
    .where('responses.reference', reference)
    .orderBy('response_answers.id')
    .select(
      'survey_questions.key',
      'statement_key',
      'option_value',
      'text_value',
      context.db.raw('number_value::float as number_value'),
      context.db.raw("to_char(date_value, 'YYYY-MM-DD') as date_value"),
    )

describe('the start page', () => {
  it('says what the survey is about, how long it takes, when it closes and links to the privacy notice', async () => {
    const $ = parse((await newAgent(context.app).get(SURVEY).expect(200)).text)
    assert.match(textOf($), /It takes about 10 minutes/)
    assert.match(textOf($), /The survey closes on \d{1,2} \w+ \d{4} at 11:59pm/)
    assert.equal($('main a[href="/privacy"]').text(), 'privacy notice')
    assert.equal($('a.govuk-button--start').attr('href'), `${SURVEY}/your-visits`)
  })

  it('answers 404 for a consultation without a survey or a malformed address', async () => {
    await newAgent(context.app).get('/consultations/leicesters-drug-strategy-consultation/survey').expect(404)
    await newAgent(context.app).get(`${SURVEY}/NOT_A_PAGE`).expect(404)
    await newAgent(context.app).get(`/consultations/${SAMPLE_SLUG}/survey/resume/short`).expect(404)
  })
})

describe('answering the whole sample survey', () => {
  it('stores exactly what the resident entered and shows a reference', async () => {
    const agent = newAgent(context.app)
    assert.equal(await answerPages(agent, fullPath()), `${SURVEY}/check`)
    const check = parse((await agent.get(`${SURVEY}/check`).expect(200)).text)
    assert.deepEqual(
      check('h2.govuk-heading-m')
        .map((_, el) => check(el).text())
        .get()
        .slice(0, 6),
      [
        'Your visits to parks',
        'The parks you use',
        'Facilities',
        'What would help',
        'Your contact details',
        'About you',
      ],
    )
    assert.match(textOf(check), /Another park: Humberstone Park/)
    assert.match(textOf(check), /More benches & <shade>/, 'text is shown as typed, escaped')
    assert.equal(check('main script').length, 0)

    const submitted = await submitFromCheck(agent)
    assert.equal(submitted.status, 303)
    assert.equal(submitted.headers.location, `${SURVEY}/confirmation`)
    const confirmation = parse((await agent.get(`${SURVEY}/confirmation`).expect(200)).text)
    const reference = confirmation('.govuk-panel .app-reference').text()
    assert.match(reference, REFERENCE_PATTERN)
    assert.match(textOf(confirmation), /Toilets are clean: Disagree/, 'the printable copy lists the answers')

    const rows = await storedAnswers(reference)
    const row = (key: string, extra: Record<string, unknown> = {}) => ({
      key,
      statement_key: null,
      option_value: null,
      text_value: null,
      number_value: null,
      date_value: null,
      ...extra,
    })
    assert.deepEqual(rows, [
      row('visit-frequency', { option_value: 'weekly' }),
      row('main-park', { option_value: '__other__', text_value: 'Humberstone Park' }),
      row('parks-visited', { option_value: 'abbey-park' }),
      row('parks-visited', { option_value: 'western-park' }),
      row('last-visit', { date_value: '2026-11-03' }),
      row('visit-minutes', { number_value: 45 }),
      row('facilities', { statement_key: 'play-areas', option_value: 'agree' }),
      row('facilities', { statement_key: 'toilets', option_value: 'disagree' }),
      row('facilities', { statement_key: 'paths', option_value: 'dont_know' }),
      row('feel-safe', { option_value: 'strongly_agree' }),
      row('encourage', { text_value: 'More benches & <shade>' }),
      row('favourite', { text_value: 'The lake' }),
      row('updates', { option_value: 'yes' }),
      row('email', { text_value: 'resident@example.org' }),
      row('postcode', { text_value: 'LE1 6ZG' }),
      row('respondent-type', { option_value: 'as_an_individual' }),
      row('age-band', { option_value: '25_to_34' }),
      row('ward', { option_value: 'castle' }),
      row('consent', { option_value: 'yes' }),
    ])
  })

  it('keeps answers in the session as the resident moves back and forth', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath().slice(0, 2))
    const back = parse((await agent.get(`${SURVEY}/the-parks-you-use`).expect(200)).text)
    assert.equal(back('#visit-minutes').val(), '45')
    assert.equal(back('#main-park-other').val(), 'Humberstone Park')
    assert.equal(back('.govuk-back-link').attr('href'), `${SURVEY}/your-visits`)
    const first = parse((await agent.get(`${SURVEY}/your-visits`).expect(200)).text)
    assert.equal(first('input[name="visit-frequency"][checked]').val(), 'weekly')
  })
})

describe('routing', () => {
  it('skips the pages about visits for someone who never visits, and never lists them', async () => {
    const agent = newAgent(context.app)
    const next = await answerPages(agent, [['your-visits', { 'visit-frequency': 'never' }]])
    assert.equal(next, `${SURVEY}/what-would-help`)
    const page = parse((await agent.get(next).expect(200)).text)
    assert.equal(page('.app-survey-progress').text(), 'Page 2 of 4')
    assert.equal(page('.govuk-back-link').attr('href'), `${SURVEY}/your-visits`)
    const skipped = await agent.get(`${SURVEY}/facilities`)
    assert.equal(skipped.status, 303, 'a skipped page cannot be reached')
    await answerPages(agent, [
      ['what-would-help', SAMPLE_ANSWERS['what-would-help']!],
      ['contact-details', SAMPLE_ANSWERS['contact-details']!],
      ['about-you', SAMPLE_ANSWERS['about-you']!],
    ])
    const check = textOf(parse((await agent.get(`${SURVEY}/check`).expect(200)).text))
    assert.doesNotMatch(check, /The parks you use|Facilities/)
    assert.match(check, /What would help/)
  })

  it('goes to the end when the resident wants no updates, skipping the contact details', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, [['your-visits', { 'visit-frequency': 'never' }]])
    const next = await answerPages(agent, [['what-would-help', { encourage: 'Cafés', updates: 'no' }]])
    assert.equal(next, `${SURVEY}/about-you`, 'the About you page always comes last')
    await agent.get(`${SURVEY}/contact-details`).expect(303)
  })
})

describe('changing an answer from the check page', () => {
  it('returns to the question and then back to the check page', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, fullPath())
    const check = parse((await agent.get(`${SURVEY}/check`).expect(200)).text)
    const change = check('.govuk-summary-list__actions a')
      .filter((_, el) => check(el).text().includes('Postcode'))
      .attr('href')!
    assert.equal(change, `${SURVEY}/contact-details?from=check#postcode`)
    const page = parse((await agent.get(change.split('#')[0]!).expect(200)).text)
    assert.equal(page('.govuk-back-link').attr('href'), `${SURVEY}/check`)
    const saved = await answerPage(
      agent,
      'contact-details',
      { email: 'resident@example.org', postcode: 'LE2 7HH' },
      '?from=check',
    )
    assert.equal(saved.headers.location, `${SURVEY}/check`)
    assert.match(textOf(parse((await agent.get(`${SURVEY}/check`)).text)), /LE2 7HH/)
  })

  it('asks the newly routed questions when a change takes a different branch, then returns to check', async () => {
    const agent = newAgent(context.app)
    await answerPages(agent, [
      ['your-visits', { 'visit-frequency': 'never' }],
      ['what-would-help', { encourage: 'Cafés', updates: 'no' }],
      ['about-you', { consent: 'yes' }],
    ])
    const changed = await answerPage(agent, 'your-visits', { 'visit-frequency': 'daily' }, '?from=check')
    assert.equal(changed.headers.location, `${SURVEY}/the-parks-you-use?from=check`)
    const next = await answerPage(agent, 'the-parks-you-use', { 'main-park': 'abbey-park' }, '?from=check')
    assert.equal(next.headers.location, `${SURVEY}/facilities?from=check`)
    const last = await answerPage(agent, 'facilities', SAMPLE_ANSWERS.facilities!, '?from=check')
    assert.equal(last.headers.location, `${SURVEY}/check`)
  })
})
