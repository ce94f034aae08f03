import assert from 'node:assert/strict'
import type { Cheerio } from 'cheerio'
import type { AnyNode } from 'domhandler'
import { fold, type Page } from '../support/html'
import type { Fields } from '../support/browser-forms'

// The survey of question-types-round-trip.test.ts: every question type, the answers given to it, and what the
// response view, the results and the exports should then show.

export type Answer =
  string | string[] | { other: string } | { rows: Record<string, string> } | { date: [string, string, string] }
export type Responses = Record<string, Answer>[]

export interface QuestionSpec {
  page: number
  form: Fields & { type: string; title: string }
}

export const PAGE_TITLES = ['Your visits', 'More about your visits', 'Your views']
export const OTHER_LABEL = 'Another pattern'
export const Q = {
  often: 'How often do you visit a park?',
  for: 'What do you go to parks for?',
  park: 'Which park do you visit most?',
  hours: 'Do you agree that parks should stay open until 10pm?',
  sit: 'Where do you usually sit?',
  better: 'What would make parks better?',
  visits: 'How many times did you visit last month?',
  last: 'When did you last visit?',
  email: 'Your email address',
  postcode: 'Your postcode',
  views: 'How much do you agree with these statements about parks?',
  consent: 'How we use your answers',
} as const
export const STATEMENTS = ['The paths are in good repair', 'The toilets are clean']
export const CONSENT_WORDING = 'I agree to the council using my answers'

/** All 12 types, as an officer fills in the builder's question form. */
export const QUESTIONS: QuestionSpec[] = [
  {
    page: 0,
    form: {
      type: 'single_choice',
      title: Q.often,
      newOptions: 'Daily\nWeekly\nRarely',
      allowOther: 'yes',
      otherLabel: OTHER_LABEL,
      required: 'yes',
    },
  },
  { page: 0, form: { type: 'multiple_choice', title: Q.for, newOptions: 'Walking\nSport\nPlay' } },
  { page: 0, form: { type: 'dropdown', title: Q.park, newOptions: 'Abbey Park\nVictoria Park\nWestern Park' } },
  { page: 0, form: { type: 'agreement', title: Q.hours, required: 'yes' } },
  { page: 1, form: { type: 'short_text', title: Q.sit, maxLength: '200' } },
  { page: 1, form: { type: 'long_text', title: Q.better, hint: 'Tell us anything' } },
  { page: 1, form: { type: 'number', title: Q.visits, min: '0', max: '100' } },
  { page: 1, form: { type: 'date', title: Q.last } },
  { page: 1, form: { type: 'email', title: Q.email, personalData: 'yes' } },
  { page: 1, form: { type: 'postcode', title: Q.postcode, personalData: 'yes' } },
  { page: 2, form: { type: 'matrix', title: Q.views, newStatements: STATEMENTS.join('\n'), required: 'yes' } },
  { page: 2, form: { type: 'consent', title: Q.consent, newOptions: CONSENT_WORDING, required: 'yes' } },
]
export const typeOf = (title: string) => QUESTIONS.find((question) => question.form.title === title)!.form.type

/** Answering "Strongly disagree" to the opening hours skips the second page: the routing rule under test. */
export const ROUTED_ANSWER = 'Strongly disagree'
export const ONLINE: Responses = [
  {
    [Q.often]: 'Weekly',
    [Q.for]: ['Walking', 'Sport'],
    [Q.park]: 'Abbey Park',
    [Q.hours]: 'Agree',
    [Q.sit]: 'By the lake',
    [Q.better]: 'More benches & <shade>',
    [Q.visits]: '3',
    [Q.last]: { date: ['5', '11', '2026'] },
    [Q.email]: 'resident@example.org',
    [Q.postcode]: 'LE1 6ZG',
    [Q.views]: { rows: { [STATEMENTS[0]!]: 'Strongly agree', [STATEMENTS[1]!]: 'Disagree' } },
    [Q.consent]: [CONSENT_WORDING],
  },
  {
    [Q.often]: { other: 'Every other weekend' },
    [Q.for]: ['Play'],
    [Q.park]: 'Victoria Park',
    [Q.hours]: ROUTED_ANSWER,
    [Q.views]: { rows: { [STATEMENTS[0]!]: 'Agree', [STATEMENTS[1]!]: "Don't know" } },
    [Q.consent]: [CONSENT_WORDING],
  },
]
export const PAPER: Responses = [
  {
    [Q.often]: 'Rarely',
    [Q.for]: ['Walking'],
    [Q.park]: 'Abbey Park',
    [Q.hours]: 'Neither agree nor disagree',
    [Q.sit]: 'Under the trees',
    [Q.better]: 'Cleaner toilets',
    [Q.visits]: '12',
    [Q.last]: { date: ['28', '2', '2026'] },
    [Q.email]: 'paper@example.org',
    [Q.postcode]: 'LE2 1AA',
    [Q.views]: { rows: { [STATEMENTS[0]!]: 'Agree', [STATEMENTS[1]!]: 'Agree' } },
    [Q.consent]: [CONSENT_WORDING],
  },
  // A paper form left mostly blank.
  { [Q.hours]: "Don't know", [Q.visits]: '7', [Q.views]: { rows: { [STATEMENTS[1]!]: 'Strongly disagree' } } },
]
export const ALL = [...ONLINE, ...PAPER]

// Answering a survey page as a resident: each question found by its title, each answer by its label.

export const titled = (text: string, title: string) => fold(text) === title || fold(text) === `${title} (optional)`

export function fieldsetOf($: Page, title: string, scope?: Cheerio<AnyNode>): Cheerio<AnyNode> {
  const fieldsets = (scope ? scope.find('fieldset') : $('fieldset')).filter((_, el) =>
    titled($(el).children('legend').text(), title),
  )
  assert.equal(fieldsets.length, 1, `one question titled “${title}” on the page`)
  return fieldsets.first()
}

export function labelledControl($: Page, scope: Cheerio<AnyNode>, label: string): Cheerio<AnyNode> {
  const labels = scope.find('label').filter((_, el) => titled($(el).text(), label))
  assert.equal(labels.length, 1, `one field labelled “${label}”`)
  return $(`[id="${labels.first().attr('for')}"]`)
}

export function answerFields($: Page, title: string, answer: Answer): Fields {
  const type = typeOf(title)
  const pick = (scope: Cheerio<AnyNode>, label: string) => labelledControl($, scope, label)
  if (type === 'dropdown') {
    const select = labelledControl($, $('main'), title)
    const option = select.find('option').filter((_, el) => fold($(el).text()) === answer)
    assert.equal(option.length, 1, `“${JSON.stringify(answer)}” is offered by “${title}”`)
    return { [select.attr('name')!]: option.attr('value')! }
  }
  if (typeof answer === 'object' && 'rows' in answer) {
    const matrix = fieldsetOf($, title)
    return Object.fromEntries(
      Object.entries(answer.rows).map(([statement, label]) => {
        const input = pick(fieldsetOf($, statement, matrix), label)
        return [input.attr('name')!, input.attr('value')!]
      }),
    )
  }
  if (typeof answer === 'object' && 'date' in answer) {
    const inputs = fieldsetOf($, title).find('input')
    return Object.fromEntries(inputs.toArray().map((el, index) => [$(el).attr('name')!, answer.date[index]!]))
  }
  if (typeof answer === 'object' && 'other' in answer) {
    const input = pick(fieldsetOf($, title), OTHER_LABEL)
    const details = labelledControl($, $('main'), `If you chose ‘${OTHER_LABEL}’, please give details`)
    return { [input.attr('name')!]: input.attr('value')!, [details.attr('name')!]: answer.other }
  }
  if (Array.isArray(answer)) {
    const inputs = answer.map((label) => pick(fieldsetOf($, title), label))
    return { [inputs[0]!.attr('name')!]: inputs.map((input) => input.attr('value')!) }
  }
  if (['single_choice', 'agreement'].includes(type)) {
    const input = pick(fieldsetOf($, title), answer)
    return { [input.attr('name')!]: input.attr('value')! }
  }
  return { [labelledControl($, $('main'), title).attr('name')!]: answer }
}

export const answersOnPage = ($: Page, answers: Record<string, Answer>): Fields =>
  Object.assign(
    {},
    ...Object.entries(answers)
      .filter(([title]) => $('legend, label').filter((_, el) => titled($(el).text(), title)).length > 0)
      .map(([title, answer]) => answerFields($, title, answer)),
  )

// What each answer should look like once stored.

export const labelsOf = (answer: Answer | undefined): string[] => {
  if (answer === undefined) return []
  if (typeof answer === 'string') return [answer]
  if (Array.isArray(answer)) return answer
  if ('other' in answer) return [OTHER_LABEL]
  return []
}

export const isoDate = ([day, month, year]: [string, string, string]) =>
  `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
export const longDate = (date: [string, string, string]) =>
  new Date(`${isoDate(date)}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

/** The lines the response view shows for an answer. */
export function shownLines(answer: Answer | undefined): string[] {
  if (answer === undefined) return ['Not answered']
  if (typeof answer === 'string') return [answer]
  if (Array.isArray(answer)) return answer
  if ('other' in answer) return [`${OTHER_LABEL}: ${answer.other}`]
  if ('date' in answer) return [longDate(answer.date)]
  return STATEMENTS.filter((statement) => answer.rows[statement]).map(
    (statement) => `${statement}: ${answer.rows[statement]}`,
  )
}

/** The export's cells for one answer, by column header (after "Qn. "). */
export function exportedCells(title: string, answer: Answer | undefined): Record<string, string> {
  if (typeOf(title) === 'matrix') {
    const rows = answer && typeof answer === 'object' && 'rows' in answer ? answer.rows : {}
    return Object.fromEntries(STATEMENTS.map((statement) => [`${title}: ${statement}`, rows[statement] ?? '']))
  }
  const cells: Record<string, string> = {}
  if (answer === undefined) cells[title] = ''
  else if (typeof answer === 'string') cells[title] = answer
  else if (Array.isArray(answer)) cells[title] = answer.join('; ')
  else if ('other' in answer) cells[title] = OTHER_LABEL
  else if ('date' in answer) cells[title] = isoDate(answer.date)
  if (typeOf(title) === 'single_choice')
    cells[`${title}: ${OTHER_LABEL} (please specify)`] =
      answer && typeof answer === 'object' && 'other' in answer ? answer.other : ''
  return cells
}

export const percent = (count: number, base: number) => `${base > 0 ? Math.round((count * 100) / base) : 0}%`
export const AGREEMENT_LABELS = [
  'Strongly agree',
  'Agree',
  'Neither agree nor disagree',
  'Disagree',
  'Strongly disagree',
  "Don't know",
]

/** The rows of a results table as the page shows them: answer, count, % of respondents, % of those who answered. */
export function expectedTable(labels: string[], chosen: string[][], agreement: boolean): string[][] {
  const answered = chosen.filter((labelsChosen) => labelsChosen.length > 0).length
  const row = (label: string, count: number) => [
    label,
    String(count),
    percent(count, ALL.length),
    percent(count, answered),
  ]
  const countOf = (wanted: string[]) =>
    chosen.filter((labelsChosen) => labelsChosen.some((label) => wanted.includes(label))).length
  const rows = labels.map((label) => row(label, countOf([label])))
  if (agreement) {
    rows.push(row('Agree (strongly agree or agree)', countOf(['Strongly agree', 'Agree'])))
    rows.push(row('Disagree (disagree or strongly disagree)', countOf(['Disagree', 'Strongly disagree'])))
  }
  return rows
}

export function shownTable($: Page, caption: string): { rows: string[][]; answered: string } {
  const table = $('table.app-results-table').filter((_, el) => fold($(el).find('caption').text()) === caption)
  assert.equal(table.length, 1, `a results table captioned “${caption}”`)
  const rows = table
    .find('tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('th, td')
        .toArray()
        .map((cell) => fold($(cell).text())),
    )
  // The table scrolls inside its own region on a phone; the answered line follows that region.
  const region = table.closest('.app-table-scroll')
  return { rows, answered: fold((region.length > 0 ? region : table).nextAll('p').first().text()) }
}

export const binary = (res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}
