import type { Response, Router } from 'express'
import { z } from 'zod'
import { OFFICER_EMAIL_KINDS, OFFICER_EMAIL_LABELS, type OfficerEmailKind } from '../../notifications/officer-messages'
import type { RouteDeps } from '../../routes'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { flash, officerOf, securedRouter } from '../access'

/** The ticked boxes: none ticked sends no field at all. */
const preferencesSchema = z.object({
  emails: z
    .union([z.enum(OFFICER_EMAIL_KINDS), z.array(z.enum(OFFICER_EMAIL_KINDS)).max(OFFICER_EMAIL_KINDS.length)], {
      error: 'Choose emails from the list',
    })
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
})

/** An officer's choice of the emails they get about the consultations they own. */
export function notificationPreferenceRoutes(deps: RouteDeps): Router {
  const { officerNotificationService: officerEmails } = deps.services
  const routes = securedRouter(deps)
  const page = (res: Response, status: number, wanted: readonly string[], errors: FormErrors | object = {}) =>
    res.status(status).render('admin/account/notifications', {
      pageTitle: 'Emails about your consultations',
      items: OFFICER_EMAIL_KINDS.map((kind) => ({
        value: kind,
        text: OFFICER_EMAIL_LABELS[kind],
        checked: wanted.includes(kind),
      })),
      ...errors,
    })

  routes.get('/admin/account/notifications', async (_req, res) => {
    const optedOut = await officerEmails.optedOut(officerOf(res).id)
    page(
      res,
      200,
      OFFICER_EMAIL_KINDS.filter((kind) => !optedOut.includes(kind)),
    )
  })
  routes.post('/admin/account/notifications', async (req, res) => {
    const parsed = preferencesSchema.safeParse(req.body ?? {})
    if (!parsed.success) return page(res, 400, [], formErrorsOf(parsed.error, { emails: 'emails' }))
    const wanted: readonly OfficerEmailKind[] = parsed.data.emails
    await officerEmails.setOptedOut(
      officerOf(res).id,
      OFFICER_EMAIL_KINDS.filter((kind) => !wanted.includes(kind)),
    )
    flash(req, 'Your email choices are saved')
    res.redirect(303, '/admin/account')
  })
  return routes.router
}
