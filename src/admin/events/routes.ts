import type { Request, Response, Router } from 'express'
import type { ConsultationEvent } from '../../events/types'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, idParam, securedRouter } from '../access'
import { formBody } from '../form-body'
import { consultationOf } from '../loaders'
import { eventFormSchema, eventFormValues, formValuesOfEvent, type EventFormValues } from './schema'

const LIST_PATH = '/admin/consultations/:id/events'
const NEW_PATH = '/admin/consultations/:id/events/new'
const EDIT_PATH = '/admin/consultations/:id/events/:eventId/edit'
const DELETE_PATH = '/admin/consultations/:id/events/:eventId/delete'

/** Officers add, change and delete a consultation's events: drop-in sessions, public meetings, webinars. */
export function eventAdminRoutes(deps: RouteDeps): Router {
  const { eventService, taxonomyService } = deps.services
  const routes = securedRouter(deps)
  const listHref = (res: Response) => `/admin/consultations/${consultationOf(res).id}/events`

  async function eventOf(req: Request, res: Response): Promise<ConsultationEvent> {
    const eventId = idParam(req, 'eventId')
    const event = eventId ? await eventService.find(consultationOf(res).id, eventId) : null
    if (!event) throw new NotFoundError('event')
    return event
  }

  async function formPage(
    res: Response,
    status: number,
    values: EventFormValues,
    eventId?: number,
    errors?: FormErrors,
  ) {
    const wards = await taxonomyService.listActive('wards')
    res.status(status).render('admin/events/form', {
      pageTitle: eventId ? 'Edit event' : 'Add an event',
      consultation: consultationOf(res),
      eventId,
      values,
      wardItems: [
        { value: '', text: 'Not given' },
        ...wards.map((ward) => ({ value: ward.slug, text: ward.name, selected: ward.slug === values.ward })),
      ],
      ...(errors ?? {}),
    })
  }

  /** Validates the posted form: the officer's input, or the form again with its errors and what was typed. */
  async function readForm(req: Request, res: Response, eventId?: number) {
    const values = eventFormValues(formBody(req))
    const parsed = eventFormSchema.safeParse(values)
    if (parsed.success) return parsed.data
    await formPage(
      res,
      400,
      values,
      eventId,
      formErrorsOf(parsed.error, { startsAt: 'startsAt-day', endsAt: 'endsAt-day' }),
    )
    return null
  }

  routes.get(LIST_PATH, async (_req, res) => {
    const consultation = consultationOf(res)
    const events = await eventService.listForConsultation(consultation.id)
    res.render('admin/events/list', { pageTitle: `Events: ${consultation.title}`, consultation, events })
  })

  routes.get(NEW_PATH, (_req, res) => formPage(res, 200, eventFormValues({ where: 'venue', booking: 'no' })))
  routes.post(NEW_PATH, async (req, res) => {
    const input = await readForm(req, res)
    if (!input) return
    await eventService.add(actorOf(res), consultationOf(res).id, input)
    flash(req, `Event added: ${input.title}`)
    res.redirect(303, listHref(res))
  })

  routes.get(EDIT_PATH, async (req, res) => {
    const event = await eventOf(req, res)
    await formPage(res, 200, formValuesOfEvent(event), event.id)
  })
  routes.post(EDIT_PATH, async (req, res) => {
    const event = await eventOf(req, res)
    const input = await readForm(req, res, event.id)
    if (!input) return
    if (!(await eventService.update(actorOf(res), consultationOf(res).id, event.id, input))) {
      throw new NotFoundError('event')
    }
    flash(req, `Event saved: ${input.title}`)
    res.redirect(303, listHref(res))
  })

  routes.get(DELETE_PATH, async (req, res) => {
    const event = await eventOf(req, res)
    res.render('admin/events/delete', {
      pageTitle: `Delete the event ${event.title}`,
      consultation: consultationOf(res),
      event,
    })
  })
  routes.post(DELETE_PATH, async (req, res) => {
    const event = await eventOf(req, res)
    const removed = await eventService.remove(actorOf(res), consultationOf(res).id, event.id)
    flash(req, removed ? `Event deleted: ${event.title}` : 'That event had already been deleted')
    res.redirect(303, listHref(res))
  })
  return routes.router
}
