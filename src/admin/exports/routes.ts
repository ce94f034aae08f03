import type { Request, Response, Router } from 'express'
import { RESULTS_TABLE_HEADER, resultsTableRows } from '../../exports/results-table'
import { exportFileName } from '../../exports/service'
import { streamCsv, streamResponsesCsv } from '../../exports/writers'
import { streamResponsesXlsx } from '../../exports/xlsx'
import { parseFilter } from '../../responses/filter'
import type { RouteDeps } from '../../routes'
import { actorOf, securedRouter } from '../access'
import { consultationSurveyOf } from '../loaders'
import { exportOptionsSchema } from './schemas'

const EXPORTS_BASE = '/admin/consultations/:slug/exports'

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** Batches already in memory, as the async iterable the stream writers read. */
// eslint-disable-next-line @typescript-eslint/require-await -- nothing to await: the writers take an AsyncIterable
async function* batchesOf<T>(batches: Iterable<T>): AsyncGenerator<T> {
  yield* batches
}

/**
 * Starts a download. A client that stops reading (the socket takes nothing for `stallTimeoutMs`) has its
 * connection closed, which ends the export and gives its database connection back.
 */
function startDownload(
  res: Response,
  fileName: string,
  format: keyof typeof CONTENT_TYPES,
  stallTimeoutMs: number,
): void {
  const { socket } = res.req
  socket.setTimeout(stallTimeoutMs, () => {
    res.req.log?.warn({ stallTimeoutMs }, 'export abandoned: the client stopped reading')
    socket.destroy()
  })
  res.on('close', () => socket.setTimeout(0))
  res.attachment(fileName)
  res.type(CONTENT_TYPES[format])
  res.set('Cache-Control', 'no-store')
}

/** Downloads: every response as CSV or XLSX, and the results table as CSV. Each download is audited first. */
export function exportAdminRoutes(deps: RouteDeps): Router {
  const { exportService, resultsService, auditService: audit, now } = deps.services
  const download = (res: Response, kind: string, format: keyof typeof CONTENT_TYPES) => {
    const fileName = exportFileName(consultationSurveyOf(res).consultation.slug, kind, format, now())
    startDownload(res, fileName, format, deps.config.exportStallTimeoutMs)
  }
  const routes = securedRouter(deps)

  const recordExport = (res: Response, action: string, after: Record<string, unknown>) => {
    const { id } = consultationSurveyOf(res).consultation
    return audit.record(actorOf(res), { action, entityType: 'consultation', entityId: id, consultationId: id, after })
  }

  /**
   * Responses as CSV or XLSX; the results page's filters apply, bad ones are ignored. Personal data (About you,
   * emails, organisation names, questions marked personal) is left out unless asked for: most analysis needs
   * none of it, and an officer who does need it says so, which the audit log records with who, when and how many rows.
   */
  const responses = (format: 'csv' | 'xlsx') => async (req: Request, res: Response) => {
    const target = consultationSurveyOf(res)
    const { filter } = parseFilter(req.query)
    const options = exportOptionsSchema.parse(req.query)
    const rows = await resultsService.countRespondents(target, filter)
    await recordExport(res, `responses.export.${format}`, { filter, ...options, rows })
    const exported = await exportService.responses(target, { filter, ...options })
    try {
      download(res, 'responses', format)
      await (format === 'csv' ? streamResponsesCsv(exported, res) : streamResponsesXlsx(exported, res))
    } finally {
      await exported.release()
    }
  }

  routes.get(`${EXPORTS_BASE}/responses.csv`, responses('csv'))
  routes.get(`${EXPORTS_BASE}/responses.xlsx`, responses('xlsx'))

  routes.get(`${EXPORTS_BASE}/results.csv`, async (req, res) => {
    const target = consultationSurveyOf(res)
    const { filter } = parseFilter(req.query)
    await recordExport(res, 'results.export.csv', { filter })
    const rows = resultsTableRows(await resultsService.allResults(target, filter))
    download(res, 'results', 'csv')
    await streamCsv(RESULTS_TABLE_HEADER, batchesOf([rows]), res)
  })

  return routes.router
}
