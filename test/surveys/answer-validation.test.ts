import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validatePage } from '../../src/surveys/answer-schemas'
import type { FieldValues } from '../../src/surveys/answers'
import { definitionProblems } from '../../src/surveys/routing'
import { AGREEMENT_SCALE, type NewSurvey, type Question, type QuestionType } from '../../src/surveys/types'

let nextId = 1
function question(type: QuestionType, extra: Partial<Question> = {}): Question {
  return {
    id: nextId++,
    key: 'q',
    pageKey: 'p',
    position: 0,
    type,
    title: 'A question',
    hint: null,
    required: true,
    personalData: false,
    settings: {},
    options: [],
    statements: [],
    ...extra,
  }
}
const options = (...values: string[]) => values.map((value) => ({ value, label: value.toUpperCase() }))

/** Validates one question's fields and gives back the answer or the error messages by field. */
function check(q: Question, fields: FieldValues) {
  const result = validatePage(
    { id: 1, key: 'p', position: 0, title: 'Page', introMarkdown: '', isAboutYou: false, questions: [q], routes: [] },
    fields,
  )
  const errors = Object.fromEntries(Object.entries(result.errors.fieldErrors).map(([field, { text }]) => [field, text]))
  return { answer: result.answers.get(q.key), errors, summary: result.errors.errorSummaryItems }
}

describe('single choice, dropdown and agreement questions', () => {
  const radios = question('single_choice', {
    options: options('yes', 'no'),
    settings: { errorName: 'if you use parks', allowOther: true },
  })
  it('accepts an offered option and an explained "Other"', () => {
    assert.deepEqual(check(radios, { q: 'yes' }).answer, { kind: 'options', values: ['yes'] })
    assert.deepEqual(check(radios, { q: '__other__', 'q-other': 'Sometimes' }).answer, {
      kind: 'options',
      values: ['__other__'],
      otherText: 'Sometimes',
    })
  })
  it('refuses nothing, an unknown option, a list and an unexplained "Other", with messages linked to the field', () => {
    assert.deepEqual(check(radios, {}).summary, [{ text: 'Select if you use parks', href: '#q' }])
    assert.deepEqual(check(radios, { q: 'maybe' }).errors, { q: 'Select if you use parks' })
    assert.deepEqual(check(radios, { q: ['yes', 'no'] }).errors, { q: 'Select if you use parks' })
    assert.deepEqual(check(radios, { q: '__other__', 'q-other': '  ' }).summary, [
      { text: 'Enter details for ‘Other’', href: '#q-other' },
    ])
  })
  it('lets an optional question be left blank', () => {
    assert.equal(check({ ...radios, required: false }, { q: '' }).answer, null)
  })
  it('asks "Select whether you agree that …" on an agreement scale', () => {
    const agreement = question('agreement', {
      options: [...AGREEMENT_SCALE],
      settings: { errorName: 'parks are safe' },
    })
    assert.deepEqual(check(agreement, { q: 'dont_know' }).answer, { kind: 'options', values: ['dont_know'] })
    assert.deepEqual(check(agreement, {}).errors, { q: 'Select whether you agree that parks are safe' })
  })
  it('checks a dropdown against its options', () => {
    const dropdown = question('dropdown', { options: options('abbey', 'castle'), settings: { errorName: 'your ward' } })
    assert.deepEqual(check(dropdown, { q: 'castle' }).answer, { kind: 'options', values: ['castle'] })
    assert.deepEqual(check(dropdown, { q: '' }).errors, { q: 'Select your ward' })
  })
})

describe('multiple choice questions', () => {
  const boxes = question('multiple_choice', {
    options: options('a', 'b', 'c', 'd'),
    settings: { minPicks: 2, maxPicks: 3, errorName: 'the parks you visit' },
  })
  it('accepts between the minimum and maximum picks, once each', () => {
    assert.deepEqual(check(boxes, { q: ['a', 'c', 'a'] }).answer, { kind: 'options', values: ['a', 'c'] })
  })
  it('refuses too few, too many and unknown picks', () => {
    assert.deepEqual(check(boxes, {}).errors, { q: 'Select the parks you visit' })
    assert.deepEqual(check(boxes, { q: 'a' }).errors, { q: 'Select at least 2 options' })
    assert.deepEqual(check(boxes, { q: ['a', 'b', 'c', 'd'] }).errors, { q: 'Select no more than 3 options' })
    assert.deepEqual(check(boxes, { q: ['a', 'zzz'] }).errors, { q: 'Select the parks you visit' })
  })
})

describe('matrix questions', () => {
  const matrix = question('matrix', {
    options: [...AGREEMENT_SCALE],
    statements: [
      { key: 'toilets', label: 'Toilets are clean' },
      { key: 'paths', label: 'Paths are safe.' },
    ],
  })
  it('takes one answer per statement', () => {
    assert.deepEqual(check(matrix, { 'q-toilets': 'agree', 'q-paths': 'disagree' }).answer, {
      kind: 'matrix',
      rows: { toilets: 'agree', paths: 'disagree' },
    })
  })
  it('names each unanswered statement', () => {
    assert.deepEqual(check(matrix, { 'q-toilets': 'agree', 'q-paths': 'meh' }).summary, [
      { text: 'Select whether you agree that paths are safe', href: '#q-paths' },
    ])
  })
})

describe('text, email and postcode questions', () => {
  const short = question('short_text', { settings: { maxLength: 10, errorName: 'your name' } })
  it('trims text, drops control characters and enforces the limit', () => {
    assert.deepEqual(check(short, { q: '  Ann\u0000\u0007 ' }).answer, { kind: 'text', value: 'Ann' })
    assert.deepEqual(check(short, { q: '' }).errors, { q: 'Enter your name' })
    assert.deepEqual(check(short, { q: 'x'.repeat(11) }).errors, { q: 'Your name must be 10 characters or less' })
    assert.deepEqual(check(short, { q: ['a', 'b'] }).errors, { q: 'Enter your name' })
  })
  it('keeps line breaks in long text and uses the default limit', () => {
    const long = question('long_text', { required: false })
    assert.deepEqual(check(long, { q: 'one\r\ntwo' }).answer, { kind: 'text', value: 'one\ntwo' })
    assert.deepEqual(check(long, { q: 'x'.repeat(5001) }).errors, { q: 'Your answer must be 5,000 characters or less' })
  })
  it('checks email addresses', () => {
    const email = question('email', { settings: { errorName: 'your email address' } })
    assert.deepEqual(check(email, { q: 'a@example.org' }).answer, { kind: 'text', value: 'a@example.org' })
    assert.deepEqual(check(email, { q: 'not an email' }).errors, {
      q: 'Enter an email address in the correct format, like name@example.com',
    })
    assert.deepEqual(check(email, {}).errors, { q: 'Enter your email address' })
  })
  it('checks and tidies UK postcodes', () => {
    const postcode = question('postcode')
    assert.deepEqual(check(postcode, { q: ' le1  6zg' }).answer, { kind: 'text', value: 'LE1 6ZG' })
    assert.deepEqual(check(postcode, { q: 'SW1A1AA' }).answer, { kind: 'text', value: 'SW1A 1AA' })
    assert.deepEqual(check(postcode, { q: 'LE1' }).errors, { q: 'Enter a full UK postcode, like LE1 6ZG' })
  })
})

describe('number questions', () => {
  const number = question('number', { settings: { min: 1, max: 1440, errorName: 'how many minutes you stay' } })
  it('accepts numbers in range, with commas', () => {
    assert.deepEqual(check(number, { q: '1,000' }).answer, { kind: 'number', value: 1000 })
    assert.deepEqual(check(number, { q: '2.5' }).answer, { kind: 'number', value: 2.5 })
  })
  it('refuses words, out-of-range values and blanks', () => {
    assert.deepEqual(check(number, { q: 'ten' }).errors, { q: 'How many minutes you stay must be a number' })
    assert.deepEqual(check(number, { q: '1441' }).errors, {
      q: 'How many minutes you stay must be between 1 and 1,440',
    })
    assert.deepEqual(check(number, { q: '1e3' }).errors, { q: 'How many minutes you stay must be a number' })
    assert.deepEqual(check(number, {}).errors, { q: 'Enter how many minutes you stay' })
  })
})

describe('date questions', () => {
  const date = question('date', { settings: { errorName: 'the date of your visit' } })
  const fields = (day: string, month: string, year: string) => ({ 'q-day': day, 'q-month': month, 'q-year': year })
  it('accepts a real date', () => {
    assert.deepEqual(check(date, fields('29', '2', '2024')).answer, { kind: 'date', value: '2024-02-29' })
  })
  it('explains a missing part, an impossible date and a short year', () => {
    assert.deepEqual(check(date, fields('', '', '')).errors, { 'q-day': 'Enter the date of your visit' })
    assert.deepEqual(check(date, fields('1', '', '2024')).summary, [
      { text: 'The date of your visit must include a month', href: '#q-month' },
    ])
    assert.deepEqual(check(date, fields('29', '2', '2023')).errors, {
      'q-day': 'The date of your visit must be a real date',
    })
    assert.deepEqual(check(date, fields('1', '2', '24')).errors, { 'q-year': 'Year must include 4 numbers' })
  })
})

describe('consent questions', () => {
  const consent = question('consent', {
    options: [{ value: 'yes', label: 'I agree' }],
    settings: { errorName: 'to confirm you agree' },
  })
  it('must be ticked when required', () => {
    assert.deepEqual(check(consent, { q: 'yes' }).answer, { kind: 'options', values: ['yes'] })
    assert.deepEqual(check(consent, {}).errors, { q: 'Select to confirm you agree' })
  })
})

describe('survey definitions', () => {
  const page = (key: string, routes: NewSurvey['pages'][number]['routes'] = []) => ({
    key,
    title: key,
    routes,
    questions: [
      { key: `${key}-q`, type: 'single_choice' as const, title: 'Q', required: true, options: options('yes', 'no') },
    ],
  })
  const survey = (pages: NewSurvey['pages']): NewSurvey => ({
    introMarkdown: '',
    estimatedMinutes: null,
    aboutYouEnabled: false,
    pages,
  })
  it('accepts routes that go forward or to the end', () => {
    assert.deepEqual(
      definitionProblems(
        survey([
          page('one', [{ questionKey: 'one-q', optionValue: 'no', targetPageKey: 'three' }]),
          page('two', [{ questionKey: 'two-q', optionValue: 'no', targetPageKey: null }]),
          page('three'),
        ]),
      ),
      [],
    )
  })
  it('rejects a route back to an earlier page, which could loop', () => {
    const problems = definitionProblems(
      survey([page('one'), page('two', [{ questionKey: 'two-q', optionValue: 'yes', targetPageKey: 'one' }])]),
    )
    assert.match(problems.join(), /routes can only go forward, so a survey cannot loop/)
  })
  it('rejects reserved page keys and personal data without consent', () => {
    const personal = {
      ...page('check'),
      questions: [{ key: 'email', type: 'email' as const, title: 'Email', required: false, personalData: true }],
    }
    const problems = definitionProblems(survey([personal]))
    assert.equal(problems.length, 2)
  })
})
