import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { parseFinderQuery } from '../consultations/finder-schema'
import { noStore } from '../middleware/cache-control'
import { provideCsrfToken } from '../middleware/csrf'
import type { RouteDeps } from '../routes'
import { NotFoundError } from '../shared/errors'
import { type FormErrors, formErrorsFrom, formErrorsOf } from '../shared/form-errors'
import { emailAddressSchema } from '../surveys/schemas'
import { type AlertFilter, alertFilterOf, alertFilterParams, describeAlert } from './alert-filter'
import { CONFIRM_LINK_HOURS } from './alert-service'

const subscribeSchema = emailAddressSchema.extend({
  frequency: z.enum(['immediate', 'weekly'], { error: 'Select how often you want emails' }),
})

const TOKEN = ':token'
const tokenOf = (req: Request) => {
  const token = String(req.params.token)
  return /^[A-Za-z0-9_.-]{1,100}$/.test(token) ? token : ''
}
const TOO_MANY = 'You have asked for too many alerts. Wait 15 minutes, then try again.'

/** Alerts for new consultations: subscribe from a finder page, confirm by email, manage or stop by emailed links. */
export function alertRoutes({ services: { alertService, finderService } }: RouteDeps): Router {
  const router = Router()
  router.use('/alerts', noStore, (_req, _res, next) => {
    if (!alertService.enabled) throw new NotFoundError('alerts')
    next()
  })

  async function subscribePage(res: Response, status: number, filter: AlertFilter, form: object = {}) {
    const description = describeAlert(filter, await finderService.listTerms())
    res.status(status).render('alerts/new', {
      description,
      filterFields: [...alertFilterParams(filter)].map(([name, value]) => ({ name, value })),
      values: { frequency: 'immediate' },
      ...form,
    })
  }

  const filterOf = (source: Record<string, unknown>) => alertFilterOf(parseFinderQuery(source).query)

  router.get('/alerts/new', provideCsrfToken, async (req, res) => {
    await subscribePage(res, 200, filterOf(req.query))
  })

  router.post('/alerts/new', provideCsrfToken, async (req: Request, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const filter = filterOf(body)
    const values = { email: typeof body.email === 'string' ? body.email : '', frequency: body.frequency }
    const parsed = subscribeSchema.safeParse(body)
    if (!parsed.success) return subscribePage(res, 400, filter, { values, ...formErrorsOf(parsed.error) })
    const terms = await finderService.listTerms()
    const result = await alertService.subscribe(req.ip ?? '', {
      ...parsed.data,
      filter,
      description: describeAlert(filter, terms),
      confirmationDescription: describeAlert(filter, terms, 'unquoted'),
    })
    if (result === 'rate-limited') {
      const errors: FormErrors = formErrorsFrom({ email: TOO_MANY })
      return subscribePage(res, 429, filter, { values, ...errors })
    }
    res.redirect(303, '/alerts/check-your-email')
  })

  router.get('/alerts/check-your-email', (_req, res) => {
    res.render('alerts/check-your-email', { hours: CONFIRM_LINK_HOURS })
  })

  router.get(`/alerts/confirm/${TOKEN}`, provideCsrfToken, (req, res) => {
    res.render('alerts/confirm', { action: `/alerts/confirm/${tokenOf(req)}` })
  })

  router.post(`/alerts/confirm/${TOKEN}`, async (req, res) => {
    const manageToken = await alertService.confirm(tokenOf(req))
    if (!manageToken) return res.status(404).render('alerts/invalid-link')
    res.render('alerts/confirmed', { manageUrl: `/alerts/manage/${manageToken}` })
  })

  router.get(`/alerts/manage/${TOKEN}`, async (req, res) => {
    const alerts = await alertService.manage(tokenOf(req))
    if (!alerts) return res.status(404).render('alerts/invalid-link')
    res.render('alerts/manage', { alerts })
  })

  // The emailed link shows a button; mail programs POST to the same address (RFC 8058), with no session or CSRF
  // token (see isSessionless): the token in the address is what authorises it.
  router.get(`/alerts/unsubscribe/${TOKEN}`, (req, res) => {
    res.render('alerts/unsubscribe', { action: `/alerts/unsubscribe/${tokenOf(req)}` })
  })

  router.post(`/alerts/unsubscribe/${TOKEN}`, async (req, res) => {
    await alertService.unsubscribe(tokenOf(req))
    res.render('alerts/unsubscribed')
  })

  return router
}
