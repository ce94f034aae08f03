import crypto from 'node:crypto'
import zlib from 'node:zlib'

/**
 * A rendered page that is the same for everyone but for one short value (a form's token), kept with its two
 * fixed parts compressed once. Each response is those parts with the value put between them: in plain form
 * by concatenation, and gzipped as one deflate stream (RFC 1951) of the first part's blocks, ended by a sync
 * flush, a stored block holding the value, and the second part's blocks, compressed on their own so that they
 * refer to nothing before them. Only the CRC-32 and the length of the whole are worked out per response.
 */
export interface SlottedPage {
  before: Buffer
  after: Buffer
  beforeDeflated: Buffer
  afterDeflated: Buffer
  beforeCrc: number
}

/** A placeholder no page text can hold by chance: made once per process. */
export const SLOT_PLACEHOLDER = `slot-${crypto.randomBytes(16).toString('hex')}`

/** The page split at its one placeholder; null unless the placeholder occurs exactly once. */
export function slottedPage(html: string, placeholder = SLOT_PLACEHOLDER): SlottedPage | null {
  const at = html.indexOf(placeholder)
  if (at < 0 || html.includes(placeholder, at + 1)) return null
  const before = Buffer.from(html.slice(0, at))
  const after = Buffer.from(html.slice(at + placeholder.length))
  return {
    before,
    after,
    beforeDeflated: zlib.deflateRawSync(before, { finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    afterDeflated: zlib.deflateRawSync(after),
    beforeCrc: zlib.crc32(before),
  }
}

/** The page with `value` in its slot, uncompressed. */
export const filledPage = (page: SlottedPage, value: string): Buffer =>
  Buffer.concat([page.before, Buffer.from(value), page.after])

// The gzip member header (RFC 1952): magic, deflate, no flags, no time, no extra flags, operating system unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
const STORED_BLOCK_MAX = 0xffff

/** A non-final stored deflate block holding `data`, which starts at a byte boundary (after a sync flush). */
function storedBlock(data: Buffer): Buffer {
  if (data.length > STORED_BLOCK_MAX) throw new RangeError('a slot value must be under 64 KiB')
  const header = Buffer.alloc(5)
  header.writeUInt8(0, 0) // BFINAL 0, BTYPE 00 (stored), then padding to the byte
  header.writeUInt16LE(data.length, 1)
  header.writeUInt16LE(~data.length & 0xffff, 3)
  return Buffer.concat([header, data])
}

/** The page with `value` in its slot, gzipped. */
export function gzippedPage(page: SlottedPage, value: string): Buffer {
  const data = Buffer.from(value)
  const crc = zlib.crc32(page.after, zlib.crc32(data, page.beforeCrc))
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE((page.before.length + data.length + page.after.length) % 2 ** 32, 4)
  return Buffer.concat([GZIP_HEADER, page.beforeDeflated, storedBlock(data), page.afterDeflated, trailer])
}

/** Bytes a kept page holds, for a bound on memory. */
export const slottedPageSize = (page: SlottedPage): number =>
  page.before.length + page.after.length + page.beforeDeflated.length + page.afterDeflated.length
