import type { NextFunction, Request, Response } from 'express'
import { z } from 'zod'
import { CONSULTATION_STATUSES, TAXONOMIES } from '../../consultations/types'
import { PUBLICATION_FILTERS } from '../../consultations/admin-types'
import type { ConsultationService } from '../../consultations/service'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { TaxonomyService } from '../../taxonomies/service'
import { actorOf, flash, idParam, type SecuredRouter } from '../access'
import { consultationFormSchema, consultationFormValues, DATE_ANCHORS, formValuesOf, selectedTerms } from './schemas'

const listFilterSchema = z.object({
  status: z.enum([...CONSULTATION_STATUSES, ...PUBLICATION_FILTERS]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
})

export function consultationAdminRoutes(routes: SecuredRouter, consultations: ConsultationService, taxonomies: TaxonomyService): void {
  async function formPage(res: Response, status: number, view: { id?: number; values: ReturnType<typeof consultationFormValues>; errors?: FormErrors }) {
    const selected = selectedTerms(view.values)
    const termItems = Object.fromEntries(
      await Promise.all(
        TAXONOMIES.map(async (t) => [t, (await taxonomies.listActive(t)).map((term) => ({ value: term.slug, text: term.name, checked: selected[t].includes(term.slug) }))] as const),
      ),
    )
    res.status(status).render('admin/consultations/form', {
      pageTitle: view.id ? 'Edit consultation' : 'Create a consultation',
      id: view.id,
      values: view.values,
      termItems,
      ...(view.errors ?? {}),
    })
  }

  /** Loads the consultation named by :id, or hands on to the 404 page. */
  const withConsultation = (handler: (req: Request, res: Response, id: number) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    const id = idParam(req, 'id')
    if (!id) return next()
    await handler(req, res, id)
  }

  routes.get('/admin/consultations', async (req, res) => {
    const filter = listFilterSchema.parse(req.query)
    const list = await consultations.listForAdmin({ status: filter.status, text: filter.q || undefined })
    res.render('admin/consultations/list', { pageTitle: 'Consultations', list, filter })
  })

  routes.get('/admin/consultations/new', (_req, res) => formPage(res, 200, { values: consultationFormValues({}) }))
  routes.post('/admin/consultations/new', async (req, res) => {
    const values = consultationFormValues(req.body ?? {})
    const parsed = consultationFormSchema.safeParse(values)
    if (!parsed.success) return formPage(res, 400, { values, errors: formErrorsOf(parsed.error, DATE_ANCHORS) })
    const result = await consultations.create(actorOf(res), parsed.data)
    if (!result.ok) return formPage(res, 400, { values, errors: formErrorsFrom({ [result.field]: result.error }) })
    flash(req, 'Consultation created as a draft')
    res.redirect(303, `/admin/consultations/${result.id}`)
  })

  routes.get('/admin/consultations/:id', withConsultation(async (req, res, id) => {
    const consultation = await consultations.getForAdmin(id)
    if (!consultation) return void res.status(404).render('errors/404')
    res.render('admin/consultations/show', { pageTitle: consultation.title, consultation })
  }))

  routes.get('/admin/consultations/:id/edit', withConsultation(async (_req, res, id) => {
    const consultation = await consultations.getForAdmin(id)
    if (!consultation) return void res.status(404).render('errors/404')
    await formPage(res, 200, { id, values: formValuesOf(consultation) as ReturnType<typeof consultationFormValues> })
  }))
  routes.post('/admin/consultations/:id/edit', withConsultation(async (req, res, id) => {
    const values = consultationFormValues(req.body ?? {})
    const parsed = consultationFormSchema.safeParse(values)
    if (!parsed.success) return formPage(res, 400, { id, values, errors: formErrorsOf(parsed.error, DATE_ANCHORS) })
    const result = await consultations.update(actorOf(res), id, parsed.data)
    if (!result) return void res.status(404).render('errors/404')
    if (!result.ok) return formPage(res, 400, { id, values, errors: formErrorsFrom({ [result.field]: result.error }) })
    flash(req, 'Consultation saved')
    res.redirect(303, `/admin/consultations/${id}`)
  }))

  routes.get('/admin/consultations/:id/preview', withConsultation(async (_req, res, id) => {
    const consultation = await consultations.getPreview(id)
    if (!consultation) return void res.status(404).render('errors/404')
    res.render('consultations/show', { consultation, preview: true })
  }))

  const action = (path: string, run: (req: Request, res: Response, id: number) => Promise<unknown>, message: string, to = (id: number) => `/admin/consultations/${id}`) =>
    routes.post(path, withConsultation(async (req, res, id) => {
      const result = await run(req, res, id)
      if (!result) return void res.status(404).render('errors/404')
      flash(req, message)
      res.redirect(303, to(typeof result === 'number' ? result : id))
    }))
  action('/admin/consultations/:id/publish', (_req, res, id) => consultations.publish(actorOf(res), id), 'Consultation published')
  action('/admin/consultations/:id/unpublish', (_req, res, id) => consultations.unpublish(actorOf(res), id), 'Consultation unpublished: it is a draft again')
  action('/admin/consultations/:id/clone', (_req, res, id) => consultations.clone(actorOf(res), id), 'Consultation copied as a new draft')
}
