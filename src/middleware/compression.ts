import compression from 'compression'
import type { Request, RequestHandler, Response } from 'express'

/** Downloads stream straight to the client, so that a slow reader holds back the export and not memory. */
const isDownload = (res: Response) => String(res.getHeader('Content-Disposition') ?? '').startsWith('attachment')

/**
 * gzip or Brotli for pages, styles, scripts, JSON and feeds that are not already compressed (pages from the
 * page cache come compressed once, when kept).
 */
export function setUpCompression(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) => !isDownload(res) && compression.filter(req, res),
  })
}
