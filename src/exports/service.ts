import { DateTime } from 'luxon'
import { personalQuestionIds } from '../privacy/personal-data'
import type { ConsultationSurvey } from '../results/service'
import type { ResultsFilter } from '../results/types'
import { exportPlan, type Cell, type ExportColumn } from './columns'
import type { ExportRepository } from './repository'

/**
 * Cells read from the database at a time: about 150 rows of the benchmark's 26 columns. Small enough that
 * a batch is written out and dropped before the garbage collector would promote it to the old generation
 * (bench/export: with 460-row batches the app's peak RSS at 1M responses rose from 137 MB to 259 MB),
 * and on PostgreSQL each further batch is only a cursor read, so small batches cost next to nothing.
 */
const BATCH_CELLS = 4_000
const MIN_BATCH_ROWS = 20

export const exportBatchSize = (columnCount: number): number =>
  Math.max(MIN_BATCH_ROWS, Math.floor(BATCH_CELLS / columnCount))

export interface ExportOptions {
  filter: ResultsFilter
  optionColumns: boolean
  /** Whether to include the columns of personal questions: About you, emails, organisation names. */
  personalData: boolean
}

export interface ResponseExport {
  columns: ExportColumn[]
  /** Rows of cell values in column order, a batch at a time. To be read once. */
  batches: () => AsyncGenerator<Cell[][]>
  /** Gives back the export's database connection if the batches were not read to the end. */
  release: () => Promise<void>
}

/** The first batch, already read, and then the rest. */
async function* resumed(first: IteratorResult<Cell[][]>, rest: AsyncGenerator<Cell[][]>): AsyncGenerator<Cell[][]> {
  if (first.done) return
  yield first.value
  yield* rest
}

/**
 * "substance-misuse-services-responses-20241123T101500Z.csv": the slug and the export time, nothing Windows
 * refuses.
 */
export function exportFileName(slug: string, kind: string, extension: string, at: Date): string {
  const stamp = DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")
  return `${slug.replace(/[^a-z0-9-]/g, '')}-${kind}-${stamp}.${extension}`
}

export function createExportService({ exportRepository }: { exportRepository: ExportRepository }) {
  return {
    async responses(
      target: ConsultationSurvey,
      { filter, optionColumns, personalData }: ExportOptions,
    ): Promise<ResponseExport> {
      const consultationId = target.consultation.id
      const personal = personalQuestionIds(target.survey)
      const questions = personalData
        ? target.questions
        : target.questions.filter(({ question }) => !personal.has(question.id))
      const plan = exportPlan(questions, {
        optionColumns,
        withCodes: await exportRepository.hasCodes(consultationId),
        withPublishing: target.survey.publishResponses || (await exportRepository.hasPublishingConsent(consultationId)),
      })
      const rows = exportRepository.rows(consultationId, filter, plan, exportBatchSize(plan.columns.length))
      // Read before the download starts, so that no free connection (or any database error) gives an error page
      // rather than a file that stops short.
      const first = await rows.next()
      return {
        columns: plan.columns,
        batches: () => resumed(first, rows),
        release: async () => {
          await rows.return(undefined)
        },
      }
    },
  }
}

export type ExportService = ReturnType<typeof createExportService>
