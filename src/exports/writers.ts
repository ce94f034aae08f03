import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify/sync'
import type { Cell } from './columns'
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
      for (let start = 0; start < batch.length; start += CSV_CHUNK_ROWS)
        yield stringify(batch.slice(start, start + CSV_CHUNK_ROWS), csvOptions)
    }
  }
  await pipeline(Readable.from(chunks(), { highWaterMark: 1 }), out)
}

export async function streamResponsesCsv(responses: ResponseExport, out: Writable): Promise<void> {
  await streamCsv(
    responses.columns.map((column) => column.header),
    responses.batches(),
    out,
  )
}
