import type { Response, Router } from 'express'
import { z } from 'zod'
import { formText } from '../../shared/text'
import type { RouteDeps } from '../../routes'
import { londonDateTimeFromParts, londonDateTimeParts } from '../../shared/dates'
import { addDateIssues, datePartsSchema, readDateParts } from '../../shared/date-parts'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, securedRouter } from '../access'
import { consultationOf } from '../loaders'
import { formBody } from '../form-body'

const markdownField = (label: string) =>
  formText('multi-line').trim().min(1, `Enter ${label}`).max(50_000, `${label} must be 50,000 characters or fewer`)

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
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
  return {
    weAsked: text('weAsked'),
    youSaid: text('youSaid'),
    weDid: text('weDid'),
    resultsUpdated: {
      day: text('resultsUpdated-day'),
      month: text('resultsUpdated-month'),
      year: text('resultsUpdated-year'),
    },
  }
}

export function feedbackAdminRoutes(deps: RouteDeps): Router {
  const { feedbackService } = deps.services
  const routes = securedRouter(deps)
  async function page(res: Response, status: number, values?: ReturnType<typeof formValues>, errors?: FormErrors) {
    const consultation = consultationOf(res)
    const feedback = await feedbackService.get(consultation.id)
    const noDate = { day: '', month: '', year: '' }
    const saved = feedback
      ? {
          weAsked: feedback.weAsked,
          youSaid: feedback.youSaid,
          weDid: feedback.weDid,
          resultsUpdated: feedback.resultsUpdatedAt ? londonDateTimeParts(feedback.resultsUpdatedAt) : noDate,
        }
      : formValues({})
    res.status(status).render('admin/feedback/form', {
      pageTitle: `We asked, you said, we did: ${consultation.title}`,
      consultation,
      feedback,
      values: values ?? saved,
      ...(errors ?? {}),
    })
  }

  routes.get('/admin/consultations/:id/feedback', (_req, res) => page(res, 200))

  routes.post('/admin/consultations/:id/feedback', async (req, res) => {
    const { id } = consultationOf(res)
    const values = formValues(formBody(req))
    const parsed = feedbackFormSchema.safeParse(values)
    if (!parsed.success) {
      return page(res, 400, values, formErrorsOf(parsed.error, { resultsUpdated: 'resultsUpdated-day' }))
    }
    await feedbackService.save(actorOf(res), id, { ...parsed.data, resultsUpdatedAt: parsed.data.resultsUpdated })
    flash(req, 'Feedback saved')
    res.redirect(303, `/admin/consultations/${id}/feedback`)
  })

  const publishing = [
    ['/admin/consultations/:id/feedback/publish', true],
    ['/admin/consultations/:id/feedback/unpublish', false],
  ] as const
  for (const [path, publish] of publishing) {
    routes.post(path, async (req, res) => {
      const { id } = consultationOf(res)
      const actor = actorOf(res)
      const done = publish ? await feedbackService.publish(actor, id) : await feedbackService.unpublish(actor, id)
      flash(
        req,
        done ? (publish ? 'Feedback published' : 'Feedback unpublished') : 'Save the feedback before publishing it',
      )
      res.redirect(303, `/admin/consultations/${id}/feedback`)
    })
  }
  return routes.router
}
