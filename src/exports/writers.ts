import { once } from 'node:events'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify/sync'
import type ExcelJS from 'exceljs'
import type { Cell, CellType } from './columns'
import type { ResponseExport } from './service'

/**
 * CSV that Excel opens as UTF-8 (a BOM, CRLF line ends). Text that a spreadsheet would read as a formula
 * gets a leading ' (csv-stringify's escape_formulas, after OWASP); numbers are passed as numbers, so a
 * negative number stays as it is, and dates are digits first, so neither is touched.
 */
const csvOptions = { record_delimiter: 'windows', escape_formulas: true } as const

/** Rows per chunk written: a whole batch as one string would be large enough to skip the young generation. */
const CSV_CHUNK_ROWS = 100

/**
 * Streams the header and then the rows to `out` through csv-stringify, a chunk of rows at a time, and
 * reads no further until `out` has room (highWaterMark 1: nothing is stringified ahead of the socket).
 */
export async function streamCsv(header: string[], rows: AsyncIterable<Cell[][]>, out: Writable): Promise<void> {
  async function* chunks() {
    yield stringify([header], { ...csvOptions, bom: true })
    for await (const batch of rows) {
      for (let start = 0; start < batch.length; start += CSV_CHUNK_ROWS) yield stringify(batch.slice(start, start + CSV_CHUNK_ROWS), csvOptions)
    }
  }
  await pipeline(Readable.from(chunks(), { highWaterMark: 1 }), out)
}

export async function streamResponsesCsv(responses: ResponseExport, out: Writable): Promise<void> {
  await streamCsv(responses.columns.map((column) => column.header), responses.batches(), out)
}

const NUMBER_FORMATS: Partial<Record<CellType, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' }

/**
 * Text as OOXML writes it (ST_Xstring): XML would turn a carriage return into a line feed and cannot hold
 * other control characters at all, so they are written as _xHHHH_, and a literal "_xHHHH_" has its
 * underscore escaped as _x005F_, as Excel does.
 */
export const toXstring = (text: string): string =>
  text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)

/**
 * A typed spreadsheet cell: dates and times as dates, numbers as numbers, and text as an inline string
 * cell (t="inlineStr"), which a spreadsheet never evaluates.
 */
function xlsxCell(type: CellType, value: Cell): ExcelJS.CellValue {
  if (value === null) return null
  if (type === 'text') return { richText: [{ text: toXstring(String(value)) }] }
  if (type === 'date') return new Date(`${value}T00:00:00Z`)
  // Spreadsheet dates have no time zone: each time column shows its own wall-clock time.
  if (type === 'datetime') return new Date(String(value).endsWith('Z') ? String(value) : `${String(value).replace(' ', 'T')}Z`)
  return value
}

/**
 * Writes the export as XLSX with exceljs's streaming writer: each row is committed (and can be
 * flushed) as it is added, strings are inline rather than a shared table held in memory, and
 * nothing is ever a formula because no cell is given one.
 */
export async function streamResponsesXlsx(responses: ResponseExport, out: Writable): Promise<void> {
  // Loaded when first needed: exceljs is large, and most exports are CSV.
  const { default: excel } = await import('exceljs')
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('Responses', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = responses.columns.map((column) => ({
    header: column.header,
    width: column.type === 'text' ? 30 : 20,
    style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
  }))
  for await (const batch of responses.batches()) {
    for (const row of batch) sheet.addRow(row.map((value, index) => xlsxCell(responses.columns[index]!.type, value))).commit()
    if (out.writableNeedDrain) await once(out, 'drain')
  }
  sheet.commit()
  await workbook.commit()
}
