import nunjucks from 'nunjucks'
import { formatLondonDate, formatLondonDateTime, isoLondonDate } from '../shared/dates'
import { renderMarkdown } from '../shared/markdown'
import { resultFilters } from '../results/view-model'
import { filterParams, type ResponseFilter } from '../responses/filter'
import { summariseChanges } from '../audit/change-summary'
import { eventKind, eventTimes } from '../events/present'
import { type Lifecycle, statusTagOf } from '../consultations/lifecycle'
import { documentFormatLabel } from '../consultations/document-formats'

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold, control characters among them
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

export const filters = {
  /** Text made safe to place in XML; autoescaping still escapes it. */
  xmlText: (value: string | null | undefined) => (value ?? '').replace(NOT_XML, ''),
  ...resultFilters,
  /** A response filter as the query parameters its form sends, for hidden fields that keep it. */
  filterParams: (filter: ResponseFilter | undefined) => filterParams(filter ?? {}),
  /** An audit entry's change as short lines for the audit log. */
  changeSummary: summariseChanges,
  /** Whether a consultation with this publication time is on the public site now. */
  isPublished: (publishedAt: Date | string | null | undefined) =>
    Boolean(publishedAt && new Date(publishedAt).getTime() <= Date.now()),
  londonDate: (value: Date | string) => formatLondonDate(new Date(value)),
  londonDateTime: (value: Date | string) => formatLondonDateTime(new Date(value)),
  isoLondonDate: (value: Date | string) => isoLondonDate(new Date(value)),
  isoDateTime: (value: Date | string) => new Date(value).toISOString(),
  /**
   * nunjucks' trim with the string's own method: its regular expression tries every character of the blocks of
   * HTML govuk-frontend's template trims (the header on every page). Marked-safe text stays marked safe.
   */
  trim: (value: string | nunjucks.runtime.SafeString | null | undefined) => {
    const trimmed = (value ?? '').toString().trim()
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed
  },
  markdown: (value: string | null | undefined) => new nunjucks.runtime.SafeString(renderMarkdown(value ?? '')),
  eventTimes,
  eventKind,
  /** A consultation's status tag (text and colour), from src/consultations/lifecycle.ts. */
  statusTag: (consultation: Lifecycle) => statusTagOf(consultation),
  documentFormat: documentFormatLabel,
  fileSize: (bytes: number) => {
    if (bytes < 1024) return `${bytes} bytes`
    if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  },
}
