import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Cell, CellType } from './columns'
import type { ResponseExport } from './service'
import { onFirstUse } from '../shared/on-first-use'
import { DATE_STYLE, DATETIME_STYLE, SHEET_END, SHEET_PATH, packageParts, sheetStart } from './xlsx-package'

const archiverModule = onFirstUse(async () => (await import('archiver')).default)

/** Rows per chunk of sheet XML, as the CSV writer chunks its rows. */
const XLSX_CHUNK_ROWS = 100

/**
 * zlib's fastest level: the sheet's XML is mostly repeated markup, which it still shrinks about tenfold, and
 * compressing (off the main thread) then keeps up with writing the XML.
 */
const ZLIB_LEVEL = 1

/** Days from the spreadsheet epoch (1899-12-30) to 1970-01-01, and milliseconds in a day. */
const UNIX_EPOCH_SERIAL = 25569
const DAY_MS = 86_400_000

/** "A", "B", … "Z", "AA", …: a column's letters in a cell reference. */
function columnLetters(index: number): string {
  let letters = ''
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  return letters
}

/* eslint-disable no-control-regex -- control characters are exactly what must be escaped */
const NEEDS_ESCAPING = /[&<>_\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/
const CONTROL = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g
/* eslint-enable no-control-regex */

/**
 * Text as OOXML writes it (ST_Xstring) inside XML: XML would turn a carriage return into a line feed and
 * cannot hold other control characters at all, so they are written as _xHHHH_ (which spreadsheets read back
 * as the character), a literal "_xHHHH_" has its underscore escaped as _x005F_, as Excel does, and &, < and >
 * are entities.
 */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(CONTROL, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/**
 * An inline string cell (t="inlineStr"): a spreadsheet shows its text as it is and never evaluates it, so
 * text such as "=HYPERLINK(…)" stays text. Answers are one run of rich text, as exceljs wrote them; a
 * header is plain text.
 */
const textCell = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><r><t xml:space="preserve">${xmlText(text)}</t></r></is></c>`
const headerCell = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`

/** A serial date (days since 1899-12-30) from "2024-01-05", "2024-06-30T23:30:00Z" or "2024-07-01 00:30:00". */
function serialDate(value: string): number {
  const number = (start: number, end: number) => Number(value.slice(start, end) || 0)
  const ms = Date.UTC(number(0, 4), number(5, 7) - 1, number(8, 10), number(11, 13), number(14, 16), number(17, 19))
  return ms / DAY_MS + UNIX_EPOCH_SERIAL
}

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}:\d{2}Z?)?$/

/**
 * A typed cell: dates and times as serial dates in a date style (spreadsheet dates have no time zone, so
 * each time column shows its own wall-clock time), numbers as numbers, and text as inline strings. A value
 * a spreadsheet could not hold as a number or a date (NaN, "infinity", a BC date) is written as text.
 */
function cellXml(type: CellType, ref: string, value: Cell): string {
  if (value === null) return ''
  if (type === 'number' && Number.isFinite(Number(value))) return `<c r="${ref}"><v>${Number(value)}</v></c>`
  if ((type === 'date' || type === 'datetime') && ISO_LIKE.test(String(value)))
    return `<c r="${ref}" s="${type === 'date' ? DATE_STYLE : DATETIME_STYLE}"><v>${serialDate(String(value))}</v></c>`
  return textCell(ref, String(value))
}

/** The sheet's XML: its opening and header row, then the rows a chunk at a time, then its end. */
async function* sheetXml(responses: ResponseExport): AsyncGenerator<string> {
  const letters = responses.columns.map((_, index) => columnLetters(index))
  const types = responses.columns.map((column) => column.type)
  const header = responses.columns.map((column, index) => headerCell(`${letters[index]}1`, column.header)).join('')
  yield sheetStart(types.map((type) => (type === 'text' ? 30 : 20))) + `<row r="1">${header}</row>`
  let rowNumber = 1
  for await (const batch of responses.batches()) {
    for (let start = 0; start < batch.length; start += XLSX_CHUNK_ROWS) {
      let xml = ''
      for (const row of batch.slice(start, start + XLSX_CHUNK_ROWS)) {
        rowNumber++
        xml += `<row r="${rowNumber}">`
        for (let index = 0; index < row.length; index++)
          xml += cellXml(types[index] ?? 'text', `${letters[index]}${rowNumber}`, row[index] ?? null)
        xml += '</row>'
      }
      yield xml
    }
  }
  yield SHEET_END
}

/**
 * Writes the export as XLSX: the sheet's XML is made a chunk of rows at a time and zipped as it is made
 * (archiver, deflating on libuv's threads), reading no further while the zip or the socket is full, so
 * memory stays the same however many responses there are. Strings are inline rather than a shared table,
 * and nothing is ever a formula because no cell is given one.
 */
export async function streamResponsesXlsx(responses: ResponseExport, out: Writable): Promise<void> {
  const zip = (await archiverModule())('zip', { zlib: { level: ZLIB_LEVEL } })
  const written = pipeline(zip, out)
  for (const [path, xml] of packageParts('Responses')) zip.append(xml, { name: path })
  const sheet = Readable.from(sheetXml(responses), { highWaterMark: 1 })
  zip.append(sheet, { name: SHEET_PATH })
  try {
    await Promise.all([zip.finalize(), written])
  } finally {
    // A reader who left (or a failed read) stops the sheet, which gives the rows back.
    sheet.destroy()
  }
}
