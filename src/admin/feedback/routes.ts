import type { Response } from 'express'
import { z } from 'zod'
import type { ConsultationService } from '../../consultations/service'
import type { FeedbackService } from '../../feedback/service'
import { londonDateTimeFromParts, londonDateTimeParts } from '../../shared/dates'
import { addDateIssues, datePartsSchema, readDateParts } from '../../shared/date-parts'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, idParam, type SecuredRouter } from '../access'

const markdownField = (label: string) => z.string().trim().min(1, `Enter ${label}`).max(50_000, `${label} must be 50,000 characters or fewer`)

export const feedbackFormSchema = z.object({
  weAsked: markdownField('what we asked'),
  youSaid: markdownField('what you said'),
  weDid: markdownField('what we did'),
  resultsUpdated: datePartsSchema.transform((parts, ctx) => {
    const reading = readDateParts(parts, 'The results updated date', { min: 2000, max: 2100 })
    if (reading.kind === 'blank') return null
    if (reading.kind === 'problem') {
      addDateIssues(ctx, reading.message, reading.fault)
      return z.NEVER
    }
    return londonDateTimeFromParts({ ...parts, time: '00:00' })
  }),
})

const formValues = (body: Record<string, unknown>) => {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
  return {
    weAsked: text('weAsked'), youSaid: text('youSaid'), weDid: text('weDid'),
    resultsUpdated: { day: text('resultsUpdated-day'), month: text('resultsUpdated-month'), year: text('resultsUpdated-year') },
  }
}

export function feedbackAdminRoutes(routes: SecuredRouter, consultations: ConsultationService, feedbackService: FeedbackService): void {
  async function page(res: Response, id: number, status: number, values?: ReturnType<typeof formValues>, errors?: FormErrors) {
    const [consultation, feedback] = await Promise.all([consultations.getForAdmin(id), feedbackService.get(id)])
    if (!consultation) return void res.status(404).render('errors/404')
    const saved = feedback
      ? { weAsked: feedback.weAsked, youSaid: feedback.youSaid, weDid: feedback.weDid, resultsUpdated: feedback.resultsUpdatedAt ? londonDateTimeParts(feedback.resultsUpdatedAt) : { day: '', month: '', year: '' } }
      : formValues({})
    res.status(status).render('admin/feedback/form', { pageTitle: `We asked, you said, we did: ${consultation.title}`, consultation, feedback, values: values ?? saved, ...(errors ?? {}) })
  }

  routes.get('/admin/consultations/:id/feedback', async (req, res, next) => {
    const id = idParam(req, 'id')
    if (!id) return next()
    await page(res, id, 200)
  })

  routes.post('/admin/consultations/:id/feedback', async (req, res, next) => {
    const id = idParam(req, 'id')
    if (!id || !(await consultations.getForAdmin(id))) return next()
    const values = formValues(req.body ?? {})
    const parsed = feedbackFormSchema.safeParse(values)
    if (!parsed.success) return page(res, id, 400, values, formErrorsOf(parsed.error, { resultsUpdated: 'resultsUpdated-day' }))
    await feedbackService.save(actorOf(res), id, { ...parsed.data, resultsUpdatedAt: parsed.data.resultsUpdated })
    flash(req, 'Feedback saved')
    res.redirect(303, `/admin/consultations/${id}/feedback`)
  })

  for (const [path, publish] of [['/admin/consultations/:id/feedback/publish', true], ['/admin/consultations/:id/feedback/unpublish', false]] as const) {
    routes.post(path, async (req, res, next) => {
      const id = idParam(req, 'id')
      if (!id) return next()
      const done = publish ? await feedbackService.publish(actorOf(res), id) : await feedbackService.unpublish(actorOf(res), id)
      flash(req, done ? (publish ? 'Feedback published' : 'Feedback unpublished') : 'Save the feedback before publishing it')
      res.redirect(303, `/admin/consultations/${id}/feedback`)
    })
  }
}
