import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import type { Cell, CellType } from './columns'
import type { ResponseExport } from './service'
import { present } from '../shared/present'

/** The part of a Node stream's internal state that tells how much it holds unwritten. */
interface BufferedStream extends NodeJS.EventEmitter {
  _writableState?: { length: number; needDrain: boolean }
}

/**
 * exceljs's streaming writer hands each sheet's XML to the zip without waiting for it to be compressed
 * (its buffer always accepts more), so a fast reader of rows would pile the whole sheet up in memory.
 * This finds the zip entry's input stream, which does keep count, so the writer can wait for it.
 */
function zipEntryOf(sheet: ExcelJS.Worksheet): BufferedStream {
  const entry = (sheet as unknown as { stream?: { pipes?: BufferedStream[] } }).stream?.pipes?.[0]
  if (!entry?._writableState)
    throw new Error('exceljs no longer pipes a sheet into its zip entry as expected: check streamResponsesXlsx')
  return entry
}

/** Waits while the zip entry holds more than its high-water mark of uncompressed XML. */
async function untilCompressed(entry: BufferedStream): Promise<void> {
  if (entry._writableState?.needDrain) await once(entry, 'drain')
}

const NUMBER_FORMATS: Partial<Record<CellType, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' }

/**
 * Text as OOXML writes it (ST_Xstring): XML would turn a carriage return into a line feed and cannot hold
 * other control characters at all, so they are written as _xHHHH_, and a literal "_xHHHH_" has its
 * underscore escaped as _x005F_, as Excel does.
 */
const toXstring = (text: string): string =>
  text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
    /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g,
    (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  )

/**
 * A typed spreadsheet cell: dates and times as dates, numbers as numbers, and text as an inline string
 * cell (t="inlineStr"), which a spreadsheet never evaluates.
 */
function xlsxCell(type: CellType, value: Cell): ExcelJS.CellValue {
  if (value === null) return null
  if (type === 'text') return { richText: [{ text: toXstring(String(value)) }] }
  if (type === 'date') return new Date(`${value}T00:00:00Z`)
  // Spreadsheet dates have no time zone: each time column shows its own wall-clock time.
  if (type === 'datetime')
    return new Date(String(value).endsWith('Z') ? String(value) : `${String(value).replace(' ', 'T')}Z`)
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
  const zipEntry = zipEntryOf(sheet)
  for await (const batch of responses.batches()) {
    for (const row of batch)
      sheet
        .addRow(
          row.map((value, index) => xlsxCell(present(responses.columns[index], 'The column of a cell').type, value)),
        )
        .commit()
    await untilCompressed(zipEntry)
    if (out.writableNeedDrain) await once(out, 'drain')
  }
  sheet.commit()
  await workbook.commit()
}
