import { Router } from 'express'
import { parseFinderQuery } from './finder-schema'
import type { RouteDeps } from '../routes'
import { finderHref } from './finder-view'

export const FEED_SIZE = 50

/** An Atom feed of the finder's results, most recently published first. Bad filters are ignored. */
export function feedRoutes({ services: { finderService } }: RouteDeps): Router {
  const router = Router()

  router.get('/consultations.atom', async (req, res) => {
    const { query } = parseFinderQuery(req.query)
    const results = await finderService.find({ ...query, page: 1 }, { pageSize: FEED_SIZE, order: 'newest' })
    const updated = results.consultations.reduce<Date | null>(
      (latest, c) => (latest && latest > c.updatedAt ? latest : c.updatedAt),
      null,
    )
    res.set('Cache-Control', 'public, max-age=300')
    res.type('application/atom+xml; charset=utf-8')
    res.render('feeds/consultations.atom.njk', {
      results,
      updated: updated ?? new Date(),
      selfPath: req.originalUrl,
      alternatePath: finderHref({ ...query, page: undefined }),
    })
  })

  return router
}
