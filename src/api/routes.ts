import { type ErrorRequestHandler, type Response, Router } from 'express'
import { type FinderProblem, parseFinderQuery } from '../consultations/finder-schema'
import { TAXONOMY_PARAMS } from '../consultations/finder-service'
import { TAXONOMIES } from '../consultations/types'
import { isClientError } from '../middleware/errors'
import type { RouteDeps } from '../routes'
import { SLUG_PATTERN } from '../shared/slug'
import { NotFoundError } from '../shared/errors'
import { readResponsesRequest } from '../published-responses/routes'
import { publishedResponsesResource } from './published-responses'
import { consultationDetailResource, consultationResource, eventResource } from './serialise'
import { eventQueryOf, timeOf } from '../events/query'
import { cachedPage } from '../page-cache/middleware'

export const API_DEFAULT_PAGE_SIZE = 20
/** The finder's parameters that /api/events reads (with `when`). */
const EVENT_PARAMETERS = new Set(['ward', 'audience', 'topic', 'page', 'pageSize'])

/** The open-data API: public, read-only JSON that any site may cache and fetch. */
export function apiRoutes({
  config: { baseUrl },
  services: { finderService, consultationService, eventService, publishedResponseService, pageCacheService },
}: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)

  router.use('/api', (_req, res, next) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'public, max-age=300',
    })
    next()
  })

  /** Answers 400 with every problem (bad parameters, slugs that name no term); true if it did. */
  function refused(
    res: Response,
    problems: FinderProblem[],
    unknownSlugs: Record<(typeof TAXONOMIES)[number], string[]>,
  ): boolean {
    const unknown: FinderProblem[] = TAXONOMIES.flatMap((taxonomy) =>
      unknownSlugs[taxonomy].map((slug) => ({
        field: TAXONOMY_PARAMS[taxonomy],
        message: `There is no ${TAXONOMY_PARAMS[taxonomy]} with the slug "${slug}"`,
      })),
    )
    if (problems.length + unknown.length === 0) return false
    res
      .status(400)
      .set('Cache-Control', 'no-store')
      .json({
        error: 'Bad request',
        problems: [...problems, ...unknown].map(({ field, message }) => ({ parameter: field, message })),
      })
    return true
  }

  router.get('/api/consultations', cached, async (req, res) => {
    const { query, problems } = parseFinderQuery(req.query)
    const pageSize = query.pageSize ?? API_DEFAULT_PAGE_SIZE
    const results = await finderService.find(query, { pageSize })
    if (refused(res, problems, results.unknownSlugs)) return
    res.json({
      consultations: results.consultations.map((consultation) => consultationResource(consultation, baseUrl)),
      total: results.total,
      page: results.page,
      pageSize: results.pageSize,
    })
  })

  router.get('/api/consultations/:slug', cached, async (req, res) => {
    const { slug } = req.params
    const consultation =
      slug.length <= 200 && SLUG_PATTERN.test(slug) ? await consultationService.getOverview(slug) : null
    if (!consultation) {
      res.status(404).json({
        error: 'Not found',
        message: `There is no published consultation with the slug "${slug.slice(0, 200)}"`,
      })
      return
    }
    const events = await eventService.listForConsultation(consultation.id)
    res.json(consultationDetailResource(consultation, baseUrl, events))
  })

  /** Events of published consultations: upcoming (soonest first) or, with when=past, past (latest first). */
  router.get('/api/events', cached, async (req, res) => {
    const raw = req.query as Record<string, unknown>
    const { query, problems } = parseFinderQuery(raw)
    const pageSize = query.pageSize ?? API_DEFAULT_PAGE_SIZE
    const results = await eventService.list(eventQueryOf(raw), timeOf(raw), pageSize)
    const eventProblems = problems.filter((problem) => EVENT_PARAMETERS.has(problem.field))
    if (refused(res, eventProblems, results.unknownSlugs)) return
    res.json({
      events: results.events.map((event) => eventResource(event, baseUrl)),
      total: results.total,
      page: results.page,
      pageSize,
    })
  })

  router.get('/api/consultations/:slug/responses', cached, async (req, res) => {
    const found = await readResponsesRequest(req, consultationService, publishedResponseService).catch(
      (err: unknown) => {
        if (err instanceof NotFoundError) return null
        throw err
      },
    )
    if (!found) {
      res.status(404).set('Cache-Control', 'no-store').json({ error: 'Not found' })
      return
    }
    res.json(publishedResponsesResource(found, baseUrl))
  })

  router.use('/api', (_req, res) => {
    res.status(404).set('Cache-Control', 'no-store').json({ error: 'Not found' })
  })

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its four parameters
  const jsonErrors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const status = isClientError(err) ? err.status : 500
    if (status === 500) req.log?.error({ err }, 'unhandled API error')
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .json({ error: status === 500 ? 'Internal server error' : 'Bad request' })
  }
  router.use('/api', jsonErrors)

  return router
}
