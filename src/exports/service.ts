import { DateTime } from 'luxon'
import type { ConsultationSurvey } from '../results/service'
import type { ResultsFilter } from '../results/types'
import { exportPlan, type ExportColumn } from './columns'
import type { ExportRepository } from './repository'

export const EXPORT_BATCH_SIZE = 1000

export interface ExportOptions {
  filter: ResultsFilter
  optionColumns: boolean
}

export interface ResponseExport {
  columns: ExportColumn[]
  /** Rows of cell values in column order, a batch at a time. */
  batches: () => AsyncGenerator<(string | number | null)[][]>
}

/** "substance-misuse-services-responses-20241123T101500Z.csv": the slug and the export time, nothing Windows refuses. */
export function exportFileName(slug: string, kind: string, extension: string, at: Date): string {
  const stamp = DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")
  return `${slug.replace(/[^a-z0-9-]/g, '')}-${kind}-${stamp}.${extension}`
}

export function createExportService({ exports }: { exports: ExportRepository }) {
  return {
    responses(target: ConsultationSurvey, { filter, optionColumns }: ExportOptions): ResponseExport {
      const { fields, columns, codedQuestionIds } = exportPlan(target.questions, { optionColumns })
      const consultationId = target.consultation.id
      return {
        columns,
        async *batches() {
          const withCodes = codedQuestionIds.length > 0 && (await exports.hasCodes(consultationId))
          for await (const rows of exports.rows(consultationId, filter, fields, EXPORT_BATCH_SIZE)) {
            const codes = withCodes ? await exports.codesFor(rows.map((row) => row.id), codedQuestionIds) : new Map()
            const none = new Map<number, string>()
            yield rows.map((row) => {
              const rowCodes = codes.get(String(row.id)) ?? none
              return columns.map((column) => column.value(row, rowCodes))
            })
          }
        },
      }
    },
  }
}

export type ExportService = ReturnType<typeof createExportService>
