/** The other formats a council publishes beside a consultation's main documents. */
export const DOCUMENT_FORMATS = {
  easy_read: 'Easy read',
  large_print: 'Large print',
  bsl_video: 'British Sign Language (BSL) video',
  other_language: 'Another language',
  response_form: 'Printable response form',
} as const

export type DocumentFormat = keyof typeof DOCUMENT_FORMATS

export const DOCUMENT_FORMAT_KEYS = Object.keys(DOCUMENT_FORMATS) as DocumentFormat[]

/** "Easy read", or the language's name for a document in another language. */
export function documentFormatLabel(document: {
  format: DocumentFormat | null
  formatLanguage: string | null
}): string | null {
  if (!document.format) return null
  if (document.format === 'other_language' && document.formatLanguage) return document.formatLanguage
  return DOCUMENT_FORMATS[document.format]
}
