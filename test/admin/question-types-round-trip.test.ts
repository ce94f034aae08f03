/**
 * Every question type, end to end: the survey of question-types-survey.ts, built with the builder's own forms
 * and answered online and on paper (question-types-build-and-answer.test.ts checks those steps), read back in
 * the response view, the results pages and both exports.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type TestAgent from 'supertest/lib/agent'
import { useTestApp } from '../support/app'
import { signInAs } from '../support/auth'
import { fold, parse, type Page } from '../support/html'
import {
  AGREEMENT_LABELS,
  ALL,
  binary,
  CONSENT_WORDING,
  expectedTable,
  exportedCells,
  isoDate,
  labelsOf,
  ONLINE,
  OTHER_LABEL,
  Q,
  QUESTIONS,
  ROUTED_ANSWER,
  shownLines,
  shownTable,
  STATEMENTS,
  typeOf,
} from './question-types-fixtures'
import { answeredSurvey, type AnsweredSurvey } from './question-types-survey'

const context = useTestApp()

describe('every question type round-trips from the builder to the exports', () => {
  let editor: TestAgent
  let survey: AnsweredSurvey

  // Every test reads the same survey, built and answered before any of them.
  before(async () => {
    editor = (await signInAs(context.app, context.db, 'editor')).agent
    survey = await answeredSurvey(context.app, editor)
  })

  it('shows every answer, as its label, in the response view', async () => {
    for (const [index, answers] of ALL.entries()) {
      const $ = parse((await editor.get(survey.responsePaths.get(survey.references[index]!)!).expect(200)).text)
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
    const results = `/admin/consultations/${survey.slug}/results`
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
      Reference: survey.references[index]!,
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
      .get(`/admin/consultations/${survey.slug}/exports/responses.csv?personalData=yes`)
      .buffer(true)
      .parse(binary as never)
      .expect(200)
    const parsed: string[][] = parseCsv(response.body as Buffer, { bom: true })
    const [header, ...records] = parsed
    const rows = records
      .map((record) => keyed(header!, record))
      .sort((a, b) => survey.references.indexOf(a.Reference!) - survey.references.indexOf(b.Reference!))
    assert.deepEqual(comparable(rows), expectedRows())
  })

  it('exports every answer, choices as their labels, to Excel', async () => {
    const response = await editor
      .get(`/admin/consultations/${survey.slug}/exports/responses.xlsx?personalData=yes`)
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
      .sort((a, b) => survey.references.indexOf(a.Reference!) - survey.references.indexOf(b.Reference!))
    assert.deepEqual(comparable(rows), expectedRows())
  })
})
