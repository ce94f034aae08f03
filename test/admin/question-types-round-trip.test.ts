/**
 * Every question type, end to end: built with the survey builder's own forms, answered through the public
 * survey and by paper entry, then read back in the response view, the results pages and both exports.
 * Everything is done as a browser would: each form is read, its fields posted with the officer's changes.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Cheerio } from 'cheerio'
import type { AnyNode } from 'domhandler'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse, type Page } from '../support/html'

const context = useTestApp()

type Fields = Record<string, string | string[]>
type Answer =
  string | string[] | { other: string } | { rows: Record<string, string> } | { date: [string, string, string] }
type Responses = Record<string, Answer>[]

interface QuestionSpec {
  page: number
  form: Fields & { type: string; title: string }
}

const PAGE_TITLES = ['Your visits', 'More about your visits', 'Your views']
const OTHER_LABEL = 'Another pattern'
const Q = {
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
const STATEMENTS = ['The paths are in good repair', 'The toilets are clean']
const CONSENT_WORDING = 'I agree to the council using my answers'

/** All 12 types, as an officer fills in the builder's question form. */
const QUESTIONS: QuestionSpec[] = [
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
const typeOf = (title: string) => QUESTIONS.find((question) => question.form.title === title)!.form.type

/** Answering "Strongly disagree" to the opening hours skips the second page: the routing rule under test. */
const ROUTED_ANSWER = 'Strongly disagree'
const ONLINE: Responses = [
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
const PAPER: Responses = [
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
const ALL = [...ONLINE, ...PAPER]

// Reading forms as a browser does.

/** The fields a browser would send from a form as it stands: checked boxes, selected options, text as filled. */
function formFields($: Page, form: Cheerio<AnyNode>): { action: string; fields: Fields; names: Set<string> } {
  const fields: Fields = {}
  const names = new Set<string>()
  const add = (name: string, value: string, many: boolean) => {
    const current = fields[name]
    if (!many || current === undefined) fields[name] = many ? [value] : value
    else if (Array.isArray(current)) current.push(value)
  }
  form.find('input, select, textarea').each((_, element) => {
    const el = $(element)
    const name = el.attr('name')
    if (!name || el.is('[disabled]') || el.is('button, [type="submit"]')) return
    names.add(name)
    if (el.is('select'))
      add(name, el.find('option[selected]').attr('value') ?? el.find('option').first().attr('value') ?? '', false)
    else if (el.is('textarea')) add(name, el.text().replace(/^\n/, ''), false)
    else if (el.is('[type="checkbox"]')) {
      if (el.is('[checked]')) add(name, el.attr('value') ?? 'on', true)
    } else if (el.is('[type="radio"]')) {
      if (el.is('[checked]')) add(name, el.attr('value') ?? 'on', false)
    } else add(name, el.attr('value') ?? '', false)
  })
  return { action: form.attr('action') ?? '', fields, names }
}

/** Reads the page, changes the named fields of its form, and posts it with the rest as they stand. */
async function submitForm(
  agent: TestAgent,
  path: string,
  changes: Fields | (($: Page) => Fields),
  formSelector?: string,
) {
  const page = await agent.get(path)
  assert.equal(page.status, 200, `GET ${path}: ${page.status}`)
  return submitShownForm(agent, page.text, path, changes, formSelector)
}

/** Changes and posts a form on a page already shown, such as one sent back with errors. */
function submitShownForm(
  agent: TestAgent,
  html: string,
  path: string,
  changes: Fields | (($: Page) => Fields),
  formSelector?: string,
) {
  const $ = parse(html)
  // The form that posts back to this page, unless another is named (the sign-out form is on every admin page).
  const ownAction = (_: number, el: AnyNode) => ($(el).attr('action') ?? path).split('?')[0] === path.split('?')[0]
  const form = formSelector ? $(formSelector) : $('main form[method="post"]').filter(ownAction).first()
  assert.equal(form.length, 1, `no form on ${path}`)
  const { action, fields, names } = formFields($, form)
  const changed = typeof changes === 'function' ? changes($) : changes
  for (const name of Object.keys(changed)) assert.ok(names.has(name), `the form on ${path} has no field “${name}”`)
  return agent
    .post(action || path)
    .type('form')
    .send({ ...fields, ...changed })
}

const errorsOf = (html: string) => fold(parse(html)('.govuk-error-summary').text())

function expectRedirect(
  response: { status: number; text: string; headers: Record<string, string> },
  what: string,
): string {
  assert.equal(response.status, 303, `${what}: ${response.status} ${errorsOf(response.text)}`)
  return response.headers.location!
}

// Answering a survey page as a resident: each question found by its title, each answer by its label.

const titled = (text: string, title: string) => fold(text) === title || fold(text) === `${title} (optional)`

function fieldsetOf($: Page, title: string, scope?: Cheerio<AnyNode>): Cheerio<AnyNode> {
  const fieldsets = (scope ? scope.find('fieldset') : $('fieldset')).filter((_, el) =>
    titled($(el).children('legend').text(), title),
  )
  assert.equal(fieldsets.length, 1, `one question titled “${title}” on the page`)
  return fieldsets.first()
}

function labelledControl($: Page, scope: Cheerio<AnyNode>, label: string): Cheerio<AnyNode> {
  const labels = scope.find('label').filter((_, el) => titled($(el).text(), label))
  assert.equal(labels.length, 1, `one field labelled “${label}”`)
  return $(`[id="${labels.first().attr('for')}"]`)
}

function answerFields($: Page, title: string, answer: Answer): Fields {
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

const answersOnPage = ($: Page, answers: Record<string, Answer>): Fields =>
  Object.assign(
    {},
    ...Object.entries(answers)
      .filter(([title]) => $('legend, label').filter((_, el) => titled($(el).text(), title)).length > 0)
      .map(([title, answer]) => answerFields($, title, answer)),
  )

// What each answer should look like once stored.

const labelsOf = (answer: Answer | undefined): string[] => {
  if (answer === undefined) return []
  if (typeof answer === 'string') return [answer]
  if (Array.isArray(answer)) return answer
  if ('other' in answer) return [OTHER_LABEL]
  return []
}
const isoDate = ([day, month, year]: [string, string, string]) =>
  `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
const longDate = (date: [string, string, string]) =>
  new Date(`${isoDate(date)}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

/** The lines the response view shows for an answer. */
function shownLines(answer: Answer | undefined): string[] {
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
function exportedCells(title: string, answer: Answer | undefined): Record<string, string> {
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

const percent = (count: number, base: number) => `${base > 0 ? Math.round((count * 100) / base) : 0}%`
const AGREEMENT_LABELS = [
  'Strongly agree',
  'Agree',
  'Neither agree nor disagree',
  'Disagree',
  'Strongly disagree',
  "Don't know",
]

/** The rows of a results table as the page shows them: answer, count, % of respondents, % of those who answered. */
function expectedTable(labels: string[], chosen: string[][], agreement: boolean): string[][] {
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

function shownTable($: Page, caption: string): { rows: string[][]; answered: string } {
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

const binary = (res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

describe('every question type round-trips from the builder to the exports', () => {
  let editor: TestAgent
  let id: number
  let slug: string
  const references: string[] = []
  const responsePaths = new Map<string, string>()

  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
  })

  it('builds a survey of all 12 question types, with a routing rule, using the builder’s forms', async () => {
    const created = await submitForm(editor, '/admin/consultations/new', {
      title: 'Opening hours of city parks',
      summary: 'Should parks stay open later?',
      body: 'We want your views.',
      'opensAt-day': '1',
      'opensAt-month': '1',
      'opensAt-year': '2026',
      'opensAt-time': '09:00',
      'closesAt-day': '31',
      'closesAt-month': '12',
      'closesAt-year': '2030',
      'closesAt-time': '23:59',
      contactName: 'Parks team',
      contactEmail: 'parks@council.test',
      retentionMonths: '12',
    })
    id = Number(/\/admin\/consultations\/(\d+)$/.exec(expectRedirect(created, 'create consultation'))![1])
    slug = String(parse((await editor.get(`/admin/consultations/${id}/edit`)).text)('input[name="slug"]').val())
    assert.ok(slug)
    const base = `/admin/consultations/${id}/survey`
    expectRedirect(
      await submitForm(editor, base, {
        introMarkdown: 'It takes five minutes.',
        estimatedMinutes: '5',
        aboutYouEnabled: 'no',
      }),
      'settings',
    )
    for (const title of PAGE_TITLES)
      expectRedirect(await submitForm(editor, `${base}/pages/new`, { title }), `add page ${title}`)
    const builder = parse((await editor.get(base)).text)
    const pageIds = PAGE_TITLES.map((title) => {
      const link = builder('a')
        .filter((_, el) => fold(builder(el).text()) === `Edit page ${title}`)
        .attr('href')
      return Number(/pages\/(\d+)\/edit/.exec(String(link))![1])
    })
    for (const { page, form } of QUESTIONS) {
      const path = `${base}/pages/${pageIds[page]}/questions/new?type=${form.type}`
      expectRedirect(await submitForm(editor, path, form), `add ${form.type} question`)
    }
    const routes = `${base}/pages/${pageIds[0]}/routes`
    const routed = await submitForm(editor, routes, ($) => {
      const select = labelledControl($, $('main'), `If the answer to “${Q.hours}” is “${ROUTED_ANSWER}”`)
      const option = select.find('option').filter((_, el) => fold($(el).text()) === `Go to “${PAGE_TITLES[2]}”`)
      return { [select.attr('name')!]: String(option.attr('value')) }
    })
    expectRedirect(routed, 'save the routing rule')
    // Fixing the wording of the question routed on keeps its scale, and so its route.
    const listed = parse((await editor.get(base)).text)
    const editPath = String(
      listed('a')
        .filter((_, el) => fold(listed(el).text()) === `Edit ${Q.hours}`)
        .attr('href'),
    )
    const editForm = parse((await editor.get(editPath).expect(200)).text)
    assert.deepEqual(
      editForm('.app-question-scale li')
        .toArray()
        .map((li) => fold(editForm(li).text())),
      AGREEMENT_LABELS,
    )
    expectRedirect(
      await submitForm(editor, editPath, { hint: 'Most parks close at dusk.' }),
      'edit the agreement question',
    )
    expectRedirect(
      await submitForm(editor, `/admin/consultations/${id}`, {}, `form[action="/admin/consultations/${id}/publish"]`),
      'publish',
    )
    const shown = fold(parse((await editor.get(base)).text)('main').text())
    for (const title of Object.values(Q)) assert.ok(shown.includes(title), `the builder lists “${title}”`)
    assert.match(shown, /Routes \(1\)/)
  })

  it('offers the agreement scale to residents and takes answers online, following the route', async () => {
    for (const answers of ONLINE) {
      const resident = request.agent(context.app)
      const start = parse((await resident.get(`/consultations/${slug}/survey`).expect(200)).text)
      let path = String(start('a.govuk-button--start').attr('href'))
      const visited: string[] = []
      while (!path.endsWith('/check')) {
        const response = await submitForm(resident, path, ($) => {
          visited.push(fold($('h1').first().text()))
          return answersOnPage($, answers)
        })
        path = expectRedirect(response, `answer ${path}`)
      }
      const skipsSecondPage = answers[Q.hours] === ROUTED_ANSWER
      assert.equal(
        visited.some((heading) => heading.includes(PAGE_TITLES[1]!)),
        !skipsSecondPage,
        `route followed: ${visited.join(' / ')}`,
      )
      const confirmation = expectRedirect(await submitForm(resident, path, {}), 'send the response')
      const reference = fold(parse((await resident.get(confirmation).expect(200)).text)('.app-reference').text())
      assert.match(reference, /\S/)
      references.push(reference)
    }
  })

  it('takes answers by paper entry', async () => {
    for (const answers of PAPER) {
      const stored = await submitForm(editor, `/admin/consultations/${id}/responses/paper`, ($) =>
        answersOnPage($, answers),
      )
      const path = expectRedirect(stored, 'paper entry')
      const reference = fold(parse((await editor.get(path).expect(200)).text)('h1').text()).replace(/^Response /, '')
      references.push(reference)
      responsePaths.set(reference, path)
    }
    const list = parse((await editor.get(`/admin/consultations/${id}/responses`).expect(200)).text)
    for (const reference of references.slice(0, ONLINE.length)) {
      const href = list('a')
        .filter((_, el) => fold(list(el).text()) === reference)
        .attr('href')
      assert.ok(href, `${reference} is listed`)
      responsePaths.set(reference, href)
    }
  })

  it('shows every answer, as its label, in the response view', async () => {
    for (const [index, answers] of ALL.entries()) {
      const $ = parse((await editor.get(responsePaths.get(references[index]!)!).expect(200)).text)
      const rows = new Map(
        $('.govuk-summary-list__row')
          .toArray()
          .map((row) => [
            fold($(row).find('.govuk-summary-list__key').text()),
            $(row)
              .find('.govuk-summary-list__value p')
              .toArray()
              .map((line) => fold($(line).text())),
          ]),
      )
      const skipped: string[] =
        answers[Q.hours] === ROUTED_ANSWER ? [Q.sit, Q.better, Q.visits, Q.last, Q.email, Q.postcode] : []
      for (const title of Object.values(Q).filter((candidate) => !skipped.includes(candidate))) {
        assert.deepEqual(rows.get(title), shownLines(answers[title]), `response ${index + 1}: ${title}`)
      }
    }
  })

  it('counts every answer in the results, with percentages of respondents and of those who answered', async () => {
    const results = `/admin/consultations/${slug}/results`
    const index = parse((await editor.get(results).expect(200)).text)
    const links = new Map(
      index('.app-question-list a')
        .toArray()
        .map((a) => [fold(index(a).text()).replace(/^Q\d+\. /, ''), index(a).attr('href')!]),
    )
    assert.deepEqual(
      [...links.keys()],
      QUESTIONS.map((question) => question.form.title),
    )
    const page = async (title: string) => parse((await editor.get(links.get(title)!).expect(200)).text)
    const chosen = (title: string) => ALL.map((answers) => labelsOf(answers[title]))
    const answeredText = (title: string) =>
      `${chosen(title).filter((labels) => labels.length > 0).length} of ${ALL.length} respondents answered.`

    const choices: [string, string[]][] = [
      [Q.often, ['Daily', 'Weekly', 'Rarely', OTHER_LABEL]],
      [Q.for, ['Walking', 'Sport', 'Play']],
      [Q.park, ['Abbey Park', 'Victoria Park', 'Western Park']],
      [Q.hours, AGREEMENT_LABELS],
      [Q.consent, [CONSENT_WORDING]],
    ]
    for (const [title, labels] of choices) {
      const $ = await page(title)
      const number = QUESTIONS.findIndex((question) => question.form.title === title) + 1
      const table = shownTable($, `Q${number}. ${title}`)
      assert.deepEqual(table.rows, expectedTable(labels, chosen(title), typeOf(title) === 'agreement'), title)
      assert.equal(table.answered, answeredText(title), title)
    }

    // Broken down by the agreement question, and the other way round: each answer shows as its label.
    for (const [rowTitle, columnTitle] of [
      [Q.often, Q.hours],
      [Q.hours, Q.often],
    ] as const) {
      const $ = await page(rowTitle)
      const by = $('select[name="by"] option').filter((_, el) => fold($(el).text()).endsWith(`. ${columnTitle}`))
      assert.equal(by.length, 1, `“${rowTitle}” can be broken down by “${columnTitle}”`)
      const crossTab = parse(
        (await editor.get(`${links.get(rowTitle)!}?by=${String(by.attr('value'))}`).expect(200)).text,
      )
      // With 4 responses no group reaches 5, so the page says so rather than showing an empty table.
      assert.equal(crossTab('.app-cross-tab').length, 0)
      const explained = fold(crossTab('#cross-tab-result').text())
      assert.match(explained, /^There are not enough responses to break down/)
      assert.ok(explained.includes(`${rowTitle} by ${columnTitle}.`), explained)
    }

    const matrix = await page(Q.views)
    for (const statement of STATEMENTS) {
      const picked = ALL.map((answers) => {
        const answer = answers[Q.views]
        const label = answer && typeof answer === 'object' && 'rows' in answer ? answer.rows[statement] : undefined
        return label ? [label] : []
      })
      const table = shownTable(matrix, statement)
      assert.deepEqual(table.rows, expectedTable(AGREEMENT_LABELS, picked, true), statement)
      assert.equal(
        table.answered,
        `${picked.filter((labels) => labels.length > 0).length} of ${ALL.length} respondents answered.`,
      )
    }

    const summary = ($: Page) =>
      Object.fromEntries(
        $('.govuk-summary-list__row')
          .toArray()
          .map((row) => [fold($(row).find('dt').text()), fold($(row).find('dd').text())]),
      )
    const numbers = ALL.flatMap((answers) =>
      typeof answers[Q.visits] === 'string' ? [Number(answers[Q.visits])] : [],
    ).sort((a, b) => a - b)
    assert.equal(numbers.length % 2, 1, 'an odd count, so the median is one of the answers')
    assert.deepEqual(summary(await page(Q.visits)), {
      Answered: `${numbers.length} of ${ALL.length} respondents`,
      Lowest: String(numbers[0]),
      Median: String(numbers[(numbers.length - 1) / 2]),
      Highest: String(numbers.at(-1)),
    })
    const dates = ALL.flatMap((answers) => {
      const answer = answers[Q.last]
      return answer && typeof answer === 'object' && 'date' in answer ? [isoDate(answer.date)] : []
    }).sort()
    assert.deepEqual(summary(await page(Q.last)), {
      Answered: `${dates.length} of ${ALL.length} respondents`,
      Earliest: dates[0],
      Latest: dates.at(-1),
    })
    for (const title of [Q.sit, Q.better, Q.email, Q.postcode]) {
      const count = ALL.filter((answers) => answers[title] !== undefined).length
      assert.match(
        fold((await page(title))('main').text()),
        new RegExp(`\\b${count} of ${ALL.length} respondents answered`),
        title,
      )
    }
  })

  const expectedRows = () =>
    ALL.map((answers, index) => ({
      Reference: references[index]!,
      Channel: index < ONLINE.length ? 'Online' : 'Paper',
      ...(Object.assign({}, ...Object.values(Q).map((title) => exportedCells(title, answers[title]))) as Record<
        string,
        string
      >),
    }))
  /** A row of the export keyed by header, with "Qn. " taken off the question headers. */
  const keyed = (header: string[], row: string[]) =>
    Object.fromEntries(header.map((name, index) => [name.replace(/^Q\d+\. /, ''), row[index] ?? '']))
  const comparable = (rows: Record<string, string>[]) => {
    const wanted = Object.keys(expectedRows()[0]!)
    return rows.map((row) => Object.fromEntries(wanted.map((name) => [name, row[name]])))
  }

  it('exports every answer, choices as their labels, to CSV', async () => {
    const response = await editor
      .get(`/admin/consultations/${slug}/exports/responses.csv?personalData=yes`)
      .buffer(true)
      .parse(binary as never)
      .expect(200)
    const parsed: string[][] = parseCsv(response.body as Buffer, { bom: true })
    const [header, ...records] = parsed
    const rows = records
      .map((record) => keyed(header!, record))
      .sort((a, b) => references.indexOf(a.Reference!) - references.indexOf(b.Reference!))
    assert.deepEqual(comparable(rows), expectedRows())
  })

  it('exports every answer, choices as their labels, to Excel', async () => {
    const response = await editor
      .get(`/admin/consultations/${slug}/exports/responses.xlsx?personalData=yes`)
      .buffer(true)
      .parse(binary as never)
      .expect(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body as never)
    const sheet = workbook.worksheets[0]!
    const cellText = (value: ExcelJS.CellValue): string => {
      if (value === null || value === undefined) return ''
      if (value instanceof Date) return value.toISOString().slice(0, 10)
      if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('')
      if (typeof value === 'object') return JSON.stringify(value)
      return String(value)
    }
    const values: string[][] = []
    sheet.eachRow((row) =>
      values.push(Array.from({ length: sheet.columnCount }, (_, index) => cellText(row.getCell(index + 1).value))),
    )
    const [header, ...records] = values
    const rows = records
      .map((record) => keyed(header!, record))
      .sort((a, b) => references.indexOf(a.Reference!) - references.indexOf(b.Reference!))
    assert.deepEqual(comparable(rows), expectedRows())
  })
})

describe('changing a question to and from the agreement scale before anyone answers', () => {
  it('offers the scale once it is an agreement question, and new options once it is radios again', async () => {
    const { agent } = await signInAs(context.app, context.db, 'editor')
    const created = await submitForm(agent, '/admin/consultations/new', {
      title: 'Street lighting',
      summary: 'Is your street well lit?',
      body: 'We want your views.',
      'opensAt-day': '1',
      'opensAt-month': '1',
      'opensAt-year': '2026',
      'opensAt-time': '09:00',
      'closesAt-day': '31',
      'closesAt-month': '12',
      'closesAt-year': '2030',
      'closesAt-time': '23:59',
      retentionMonths: '12',
    })
    const base = `${expectRedirect(created, 'create consultation')}/survey`
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
