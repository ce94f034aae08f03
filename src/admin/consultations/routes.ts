import type { Request, Response, Router } from 'express'
import { NotFoundError } from '../../shared/errors'
import { z } from 'zod'
import { formText } from '../../shared/text'
import { CONSULTATION_STATUSES, TAXONOMIES } from '../../consultations/types'
import { PUBLICATION_FILTERS } from '../../consultations/admin-types'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { actorOf, flash, officerOf, securedRouter } from '../access'
import { consultationOf } from '../loaders'
import { consultationFormSchema, consultationFormValues, DATE_ANCHORS, formValuesOf, selectedTerms } from './schemas'
import { formBody } from '../form-body'

const listFilterSchema = z.object({
  status: z
    .enum([...CONSULTATION_STATUSES, ...PUBLICATION_FILTERS])
    .optional()
    .catch(undefined),
  q: formText().trim().max(200).optional().catch(undefined),
})

export function consultationAdminRoutes(deps: RouteDeps): Router {
  const { consultationService: consultations, taxonomyService: taxonomies, userService } = deps.services
  const routes = securedRouter(deps)
  async function formPage(
    res: Response,
    status: number,
    view: { id?: number; values: ReturnType<typeof consultationFormValues>; errors?: FormErrors },
  ) {
    const selected = selectedTerms(view.values)
    const termItems = Object.fromEntries(
      await Promise.all(
        TAXONOMIES.map(
          async (t) =>
            [
              t,
              (await taxonomies.listActive(t)).map((term) => ({
                value: term.slug,
                text: term.name,
                checked: selected[t].includes(term.slug),
              })),
            ] as const,
        ),
      ),
    )
    const officers = (await userService.list()).filter((user) => user.active || String(user.id) === view.values.ownerId)
    const ownerItems = [
      { value: '', text: 'No owner' },
      ...officers.map((user) => ({ value: String(user.id), text: `${user.displayName} (${user.email})` })),
    ].map((item) => ({ ...item, selected: item.value === (view.values.ownerId ?? '') }))
    res.status(status).render('admin/consultations/form', {
      pageTitle: view.id ? 'Edit consultation' : 'Create a consultation',
      id: view.id,
      values: view.values,
      termItems,
      ownerItems,
      ...(view.errors ?? {}),
    })
  }

  routes.get('/admin/consultations', async (req, res) => {
    const filter = listFilterSchema.parse(req.query)
    const list = await consultations.listForAdmin({
      status: filter.status,
      text: filter.q === '' ? undefined : filter.q,
    })
    res.render('admin/consultations/list', { pageTitle: 'Consultations', list, filter })
  })

  routes.get('/admin/consultations/new', (_req, res) =>
    formPage(res, 200, { values: consultationFormValues({ ownerId: String(officerOf(res).id) }) }),
  )
  routes.post('/admin/consultations/new', async (req, res) => {
    const values = consultationFormValues(formBody(req))
    const parsed = consultationFormSchema.safeParse(values)
    if (!parsed.success) return formPage(res, 400, { values, errors: formErrorsOf(parsed.error, DATE_ANCHORS) })
    const result = await consultations.create(actorOf(res), parsed.data)
    if (!result.ok) return formPage(res, 400, { values, errors: formErrorsFrom({ [result.field]: result.error }) })
    flash(req, 'Consultation created as a draft')
    res.redirect(303, `/admin/consultations/${result.id}`)
  })

  routes.get('/admin/consultations/:id', async (_req, res) => {
    const consultation = consultationOf(res)
    const { survey, responseCount } = await deps.services.surveyBuilderService.load(consultation.id)
    const hasSurvey = Boolean(survey?.pages.some((page) => page.questions.length > 0))
    res.render('admin/consultations/show', { pageTitle: consultation.title, consultation, hasSurvey, responseCount })
  })

  routes.get('/admin/consultations/:id/edit', async (_req, res) => {
    const consultation = consultationOf(res)
    await formPage(res, 200, {
      id: consultation.id,
      values: formValuesOf(consultation),
    })
  })
  routes.post('/admin/consultations/:id/edit', async (req, res) => {
    const { id } = consultationOf(res)
    const values = consultationFormValues(formBody(req))
    const parsed = consultationFormSchema.safeParse(values)
    if (!parsed.success) return formPage(res, 400, { id, values, errors: formErrorsOf(parsed.error, DATE_ANCHORS) })
    const result = await consultations.update(actorOf(res), id, parsed.data)
    if (!result) throw new NotFoundError()
    if (!result.ok) return formPage(res, 400, { id, values, errors: formErrorsFrom({ [result.field]: result.error }) })
    flash(req, 'Consultation saved')
    res.redirect(303, `/admin/consultations/${id}`)
  })

  routes.get('/admin/consultations/:id/preview', async (_req, res) => {
    const consultation = await consultations.getPreview(consultationOf(res).id)
    if (!consultation) throw new NotFoundError()
    const events = await deps.services.eventService.forOverview(consultation.id)
    res.render('consultations/show', { consultation, events, preview: true })
  })

  const action = (path: string, run: (res: Response, id: number) => Promise<unknown>, message: string) =>
    routes.post(path, async (req: Request, res: Response) => {
      const result = await run(res, consultationOf(res).id)
      if (!result) throw new NotFoundError()
      flash(req, message)
      res.redirect(303, `/admin/consultations/${typeof result === 'number' ? result : consultationOf(res).id}`)
    })
  action(
    '/admin/consultations/:id/publish',
    (res, id) => consultations.publish(actorOf(res), id),
    'Consultation published',
  )
  action(
    '/admin/consultations/:id/unpublish',
    (res, id) => consultations.unpublish(actorOf(res), id),
    'Consultation unpublished: it is a draft again',
  )
  action(
    '/admin/consultations/:id/clone',
    (res, id) => consultations.clone(actorOf(res), id),
    'Consultation copied as a new draft',
  )
  return routes.router
}
