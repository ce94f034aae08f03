/**
 * Every question type, end to end: built with the survey builder's own forms, answered through the public
 * survey and by paper entry, then read back in the response view, the results pages and both exports.
 * Everything is done as a browser would: each form is read, its fields posted with the officer's changes.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse, type Page } from '../support/html'
import { expectRedirect, submitForm } from '../support/browser-forms'
import {
  AGREEMENT_LABELS,
  ALL,
  answersOnPage,
  binary,
  CONSENT_WORDING,
  expectedTable,
  exportedCells,
  isoDate,
  labelledControl,
  labelsOf,
  ONLINE,
  OTHER_LABEL,
  PAGE_TITLES,
  PAPER,
  Q,
  QUESTIONS,
  ROUTED_ANSWER,
  shownLines,
  shownTable,
  STATEMENTS,
  typeOf,
} from './question-types-fixtures'

const context = useTestApp()

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
