import { DateTime } from 'luxon'
import type { ConsultationSurvey } from '../results/service'
import type { ResultsFilter } from '../results/types'
import { exportPlan, type Cell, type ExportColumn } from './columns'
import type { ExportRepository } from './repository'

/**
 * Cells read from the database at a time. Kept small enough that a batch is written out before the
 * garbage collector moves it to the old generation (measured by bench/export: about 500 rows of 26
 * columns keeps the app's memory flat; twice that lets it grow by 90 MB), and large enough that the
 * per-query cost stays small beside the rows.
 */
const BATCH_CELLS = 12_000
const MIN_BATCH_ROWS = 50

export const exportBatchSize = (columnCount: number): number => Math.max(MIN_BATCH_ROWS, Math.floor(BATCH_CELLS / columnCount))

export interface ExportOptions {
  filter: ResultsFilter
  optionColumns: boolean
}

export interface ResponseExport {
  columns: ExportColumn[]
  /** Rows of cell values in column order, a batch at a time. */
  batches: () => AsyncGenerator<Cell[][]>
}

/** "substance-misuse-services-responses-20241123T101500Z.csv": the slug and the export time, nothing Windows refuses. */
export function exportFileName(slug: string, kind: string, extension: string, at: Date): string {
  const stamp = DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")
  return `${slug.replace(/[^a-z0-9-]/g, '')}-${kind}-${stamp}.${extension}`
}

export function createExportService({ exportRepository }: { exportRepository: ExportRepository }) {
  return {
    async responses(target: ConsultationSurvey, { filter, optionColumns }: ExportOptions): Promise<ResponseExport> {
      const consultationId = target.consultation.id
      const plan = exportPlan(target.questions, { optionColumns, withCodes: await exportRepository.hasCodes(consultationId) })
      return {
        columns: plan.columns,
        batches: () => exportRepository.rows(consultationId, filter, plan, exportBatchSize(plan.columns.length)),
      }
    },
  }
}

export type ExportService = ReturnType<typeof createExportService>
