import path from 'node:path'
import type { Response } from 'express'
import { filetypeinfo } from 'magic-bytes.js'
import type { StoredDocument } from './admin-types'
import { checkZipExpansion, expandedLimitFor, looksLikeHtml, ZIP_EXTENSIONS } from './document-content'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

/** The types officers may publish, by extension, with the content type we serve them as. */
export const ALLOWED_DOCUMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
}

export const ALLOWED_EXTENSIONS_TEXT = 'PDF, DOCX, XLSX, ODT, PNG, JPG, GIF or WEBP'

export type DocumentCheck = { ok: true; contentType: string; filename: string } | { ok: false; error: string }

/** A file name safe to store and show: no folders, no control characters, not too long. */
export function cleanFilename(filename: string): string {
  const base = path
    .basename(filename.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
  return base.slice(-150) || 'document'
}

/** Path separators and control characters (NUL among them): no file a browser picks is named so. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE_FILENAME = /[/\\\u0000-\u001f\u007f]/

const refuse = (error: string): DocumentCheck => ({ ok: false, error })

/**
 * Accepts a file only if its name is plain, its extension is allowed and its content (magic bytes) is of
 * that type, holds no web page, and (for the zip-based types) is a zip that does not expand hugely.
 * So a renamed executable, an HTML page or a zip bomb is refused whatever the browser claimed.
 */
export async function checkDocument(filename: string, content: Buffer): Promise<DocumentCheck> {
  if (content.length === 0) return refuse('The selected file is empty')
  if (content.length > MAX_DOCUMENT_BYTES)
    return refuse(`The selected file must be smaller than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`)
  if (UNSAFE_FILENAME.test(filename))
    return refuse('The selected file name must not contain / or \\ or control characters: rename the file')
  const clean = cleanFilename(filename)
  const extension = path.extname(clean).slice(1).toLowerCase()
  const contentType = ALLOWED_DOCUMENT_TYPES[extension]
  if (!contentType) return refuse(`The selected file must be a ${ALLOWED_EXTENSIONS_TEXT}`)
  const notThisType = refuse(`The selected file's content is not a ${extension.toUpperCase()} file`)
  const detected = filetypeinfo(new Uint8Array(content.buffer, content.byteOffset, content.length))
  const matches = detected.some(
    (info) =>
      info.extension === extension || (extension === 'jpeg' && info.extension === 'jpg') || info.mime === contentType,
  )
  if (!matches) return notThisType
  if (looksLikeHtml(content)) return refuse('The selected file contains web page code, so it cannot be published')
  if (ZIP_EXTENSIONS.includes(extension)) {
    const limit = expandedLimitFor(content.length)
    const zip = await checkZipExpansion(content, limit)
    if (!zip.ok && zip.reason === 'unreadable') return notThisType
    if (!zip.ok) return refuse(`The selected file expands to more than ${limit / (1024 * 1024)} MB when opened`)
  }
  return { ok: true, contentType, filename: clean }
}

/** Sends a stored document as a download with a safe file name, never rendered as a page. */
export function sendDocument(res: Response, document: StoredDocument): void {
  res.setHeader('Content-Type', document.contentType)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
  res.attachment(document.filename)
  res.send(document.content)
}
