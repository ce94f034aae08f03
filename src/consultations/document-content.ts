import type JSZip from 'jszip'
import { onFirstUse } from '../shared/on-first-use'

/** The zip-based types: a Word document, an Excel workbook and an OpenDocument text. */
const jszip = onFirstUse(async () => (await import('jszip')).default)

export const ZIP_EXTENSIONS: readonly string[] = ['docx', 'xlsx', 'odt']

/** What a zip may expand to: 100 times its own size, at least 20 MB and never more than 250 MB. */
const MAX_EXPANSION_RATIO = 100
const MIN_EXPANDED_LIMIT = 20 * 1024 * 1024
const MAX_EXPANDED_LIMIT = 250 * 1024 * 1024
const MAX_ZIP_ENTRIES = 10_000

/**
 * Markers of a web page, which a browser that sniffs content could run as one. Documents we accept
 * never hold them in plain text (a DOCX's own XML is compressed).
 */
const HTML_MARKERS = /<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg)[\s/>]/i

export const looksLikeHtml = (content: Buffer): boolean => HTML_MARKERS.test(content.toString('latin1'))

export const expandedLimitFor = (size: number): number =>
  Math.min(MAX_EXPANDED_LIMIT, Math.max(MIN_EXPANDED_LIMIT, size * MAX_EXPANSION_RATIO))

export type ZipCheck = { ok: true } | { ok: false; reason: 'unreadable' | 'too-large' }

/** Inflates every entry, counting bytes and keeping none, and stops at the limit. */
export async function checkZipExpansion(content: Buffer, limit: number): Promise<ZipCheck> {
  let zip: JSZip
  try {
    zip = await (await jszip()).loadAsync(content, { checkCRC32: false })
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir)
  if (entries.length === 0) return { ok: false, reason: 'unreadable' }
  if (entries.length > MAX_ZIP_ENTRIES) return { ok: false, reason: 'too-large' }
  let expanded = 0
  for (const entry of entries) {
    const within = await new Promise<boolean | null>((resolve) => {
      const stream = entry.nodeStream('nodebuffer')
      stream.on('data', (chunk: Buffer) => {
        expanded += chunk.length
        if (expanded > limit) {
          stream.removeAllListeners()
          stream.pause()
          resolve(false)
        }
      })
      stream.on('end', () => resolve(true))
      stream.on('error', () => resolve(null))
    })
    if (within === null) return { ok: false, reason: 'unreadable' }
    if (!within) return { ok: false, reason: 'too-large' }
  }
  return { ok: true }
}
