import { Router, type Request, type Response } from 'express'
import type { AdminAccess, AuditRecorder } from '../admin/guard'
import { findTarget } from '../results/routes'
import { parseFilter } from '../responses/filter'
import type { ResultsService } from '../results/service'
import { RESULTS_TABLE_HEADER, resultsTableRows } from './results-table'
import { exportFileName, type ExportService } from './service'
import { streamCsv, streamResponsesCsv } from './writers'
import { streamResponsesXlsx } from './xlsx'

const EXPORTS_BASE = '/admin/consultations/:slug/exports'

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

function startDownload(res: Response, fileName: string, format: keyof typeof CONTENT_TYPES): void {
  res.attachment(fileName)
  res.type(CONTENT_TYPES[format])
  res.set('Cache-Control', 'no-store')
}

export function exportRoutes({ resultsService, exportService, access, audit, now }: { resultsService: ResultsService; exportService: ExportService; access: AdminAccess; audit: AuditRecorder; now: () => Date }): Router {
  const router = Router()

  /** Responses as CSV or XLSX; the results page's filters apply, bad ones are ignored. */
  const responses = (format: 'csv' | 'xlsx') => async (req: Request, res: Response, next: () => void) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const { filter } = parseFilter(req.query)
    const optionColumns = req.query.optionColumns === 'yes'
    await audit.record(access.actorOf(req), {
      action: `responses.export.${format}`, entityType: 'consultation', entityId: target.consultation.id, consultationId: target.consultation.id, after: { filter, optionColumns },
    })
    const exported = await exportService.responses(target, { filter, optionColumns })
    startDownload(res, exportFileName(target.consultation.slug, 'responses', format, now()), format)
    await (format === 'csv' ? streamResponsesCsv(exported, res) : streamResponsesXlsx(exported, res))
  }

  router.get(`${EXPORTS_BASE}/responses.csv`, access.requireRole('analyst'), responses('csv'))
  router.get(`${EXPORTS_BASE}/responses.xlsx`, access.requireRole('analyst'), responses('xlsx'))

  router.get(`${EXPORTS_BASE}/results.csv`, access.requireRole('analyst'), async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const { filter } = parseFilter(req.query)
    await audit.record(access.actorOf(req), { action: 'results.export.csv', entityType: 'consultation', entityId: target.consultation.id, consultationId: target.consultation.id, after: { filter } })
    const rows = resultsTableRows(await resultsService.allResults(target, filter))
    startDownload(res, exportFileName(target.consultation.slug, 'results', 'csv', now()), 'csv')
    await streamCsv(RESULTS_TABLE_HEADER, (async function* () { yield rows })(), res)
  })

  return router
}
