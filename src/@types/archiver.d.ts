// archiver 5 (exceljs's own zip writer) ships no types; only what src/exports/xlsx.ts uses is declared.
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream'
  import type { ZlibOptions } from 'node:zlib'

  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, entry: { name: string }): this
    /** Resolves once the archive's last byte is written; rejects if an entry's source fails. */
    finalize(): Promise<void>
  }

  function archiver(format: 'zip', options?: { zlib?: ZlibOptions }): Archiver
  export = archiver
}
