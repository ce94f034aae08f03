import { type Request, type Response, Router } from 'express'
import { parseFinderQuery } from './finder-schema'
import type { RouteDeps } from '../routes'
import { finderHref, finderParams, hrefWith } from './finder-view'
import { eventQueryOf } from '../events/query'
import { cachedPage } from '../page-cache/middleware'

export const FEED_SIZE = 50

/** Renders an Atom feed, cacheable, updated when its latest entry was (now if it has none). */
function sendFeed(
  req: Request,
  res: Response,
  view: string,
  entries: { updatedAt: Date }[],
  model: { alternatePath: string } & Record<string, unknown>,
) {
  const updated = entries.reduce<Date | null>(
    (latest, entry) => (latest && latest > entry.updatedAt ? latest : entry.updatedAt),
    null,
  )
  res.set('Cache-Control', 'public, max-age=300')
  res.type('application/atom+xml; charset=utf-8')
  res.render(view, { ...model, updated: updated ?? new Date(), selfPath: req.originalUrl })
}

/** Atom feeds: the finder's results, most recently published first, and upcoming events. Bad filters are ignored. */
export function feedRoutes({ services: { finderService, eventService, pageCacheService } }: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)

  router.get('/consultations.atom', cached, async (req, res) => {
    const { query } = parseFinderQuery(req.query)
    const results = await finderService.find({ ...query, page: 1 }, { pageSize: FEED_SIZE, order: 'newest' })
    sendFeed(req, res, 'feeds/consultations.atom.njk', results.consultations, {
      results,
      alternatePath: finderHref({ ...query, page: undefined }),
    })
  })

  /** Upcoming events, soonest first, as their own feed: a reader follows events apart from consultations. */
  router.get('/events.atom', cached, async (req, res) => {
    const query = { ...eventQueryOf(req.query), page: undefined }
    const { events } = await eventService.list(query, 'upcoming', FEED_SIZE)
    sendFeed(req, res, 'feeds/events.atom.njk', events, {
      events,
      alternatePath: hrefWith('/events', finderParams(query)),
    })
  })

  return router
}
