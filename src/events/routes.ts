import { Router, type Request, type Response } from 'express'
import { finderQuerySchema, type FinderQuery } from '../consultations/finder-schema'
import { finderParams, hrefWith, selectedFilters, termGroups } from '../consultations/finder-view'
import type { RouteDeps } from '../routes'
import { paginationFor } from '../shared/pagination'
import { cachedPage } from '../page-cache/middleware'
import { eventsCalendar } from './calendar'
import { eventQueryOf, timeOf } from './query'
import type { EventTime } from './service'

export const EVENTS_PAGE_SIZE = 20
/** How many events a calendar feed holds each side of now: plenty for a calendar, bounded for the server. */
const CALENDAR_SIZE = 200

const paramsOf = (query: FinderQuery, when: EventTime, page?: number) => {
  const params = finderParams(query, page)
  if (when === 'past') params.set('when', 'past')
  return params
}
const eventsHref = (query: FinderQuery, when: EventTime, page?: number) =>
  hrefWith('/events', paramsOf(query, when, page))

/** The site-wide events page, its calendar feed, and each event's calendar file. */
export function eventRoutes({
  config,
  services: { eventService, finderService, pageCacheService },
}: RouteDeps): Router {
  const router = Router()
  const cached = cachedPage(pageCacheService)
  const site = { baseUrl: config.baseUrl, siteName: config.siteName, councilName: config.councilName }

  const sendCalendar = (res: Response, filename: string, body: string) => {
    res.set({ 'Cache-Control': 'public, max-age=300', 'Content-Disposition': `attachment; filename="${filename}"` })
    res.type('text/calendar; charset=utf-8').send(body)
  }

  router.get('/events', cached, async (req: Request, res) => {
    const raw = req.query as Record<string, unknown>
    const query = eventQueryOf(raw)
    const when = timeOf(raw)
    const [results, terms] = await Promise.all([
      eventService.list(query, when, EVENTS_PAGE_SIZE),
      finderService.listTerms(),
    ])
    const feedParams = finderParams({ ...query, page: undefined })
    res.render('events/index', {
      when,
      results,
      termGroups: termGroups(
        query,
        results.selectedTerms,
        terms,
        'Online events and events for the whole city show under every area.',
      ),
      selectedFilters: selectedFilters(query, results.selectedTerms, (changed) => eventsHref(changed, when)),
      clearHref: eventsHref(finderQuerySchema.parse({}), when),
      upcomingHref: eventsHref({ ...query, page: undefined }, 'upcoming'),
      pastHref: eventsHref({ ...query, page: undefined }, 'past'),
      pagination: paginationFor(results.page, results.totalPages, (page) => eventsHref(query, when, page)),
      calendarHref: hrefWith('/events.ics', feedParams),
      atomHref: hrefWith('/events.atom', feedParams),
    })
  })

  router.get('/events.ics', async (req, res) => {
    const query = { ...eventQueryOf(req.query), page: undefined }
    const [upcoming, past] = await Promise.all([
      eventService.list(query, 'upcoming', CALENDAR_SIZE),
      eventService.list(query, 'past', CALENDAR_SIZE),
    ])
    const name = `${config.councilName} consultation events`
    sendCalendar(res, 'events.ics', eventsCalendar([...past.events.reverse(), ...upcoming.events], site, name))
  })

  router.get(/^\/events\/([1-9]\d{0,9})\.ics$/, async (req, res, next) => {
    const id = Number(req.params[0])
    const event = id <= 2_147_483_647 ? await eventService.findPublished(id) : null
    if (!event) return next()
    sendCalendar(res, `event-${event.id}.ics`, eventsCalendar([event], site, event.title))
  })

  return router
}
