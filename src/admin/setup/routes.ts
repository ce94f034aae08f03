import type { Request, Response } from 'express'
import { Router } from 'express'
import { provideCsrfToken } from '../../middleware/csrf'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { flash } from '../access'
import { startOfficerSession } from '../auth/session'
import { formBody, formField } from '../form-body'
import { firstAdminSchema } from './schema'

export const SETUP_PATH = '/admin/setup/:token'

/** The one-time link for making the first admin: public, like sign-in and set-password, and gone once there is one. */
export function setupRoutes({ services: { setupService, authService, now } }: RouteDeps): Router {
  const router = Router()
  const tokenOf = (req: Request) => String(req.params.token)
  const formPage = (res: Response, status: number, values: Record<string, string> = {}, errors?: FormErrors) =>
    res
      .status(status)
      .render('admin/setup/first-admin', { pageTitle: 'Create the first admin account', values, ...(errors ?? {}) })

  /** True, with the answer given, if the link no longer works: a 404 page once there is an officer, else "expired". */
  const refused = async (token: string, res: Response): Promise<boolean> => {
    const state = await setupService.linkState(token)
    if (state === 'closed') throw new NotFoundError('set-up link')
    if (state === 'expired')
      res.status(404).render('admin/setup/link-expired', { pageTitle: 'This set-up link has expired' })
    return state !== 'usable'
  }

  router.get(SETUP_PATH, provideCsrfToken, async (req, res) => {
    if (!(await refused(tokenOf(req), res))) formPage(res, 200)
  })

  router.post(SETUP_PATH, provideCsrfToken, async (req, res) => {
    const token = tokenOf(req)
    if (await refused(token, res)) return
    const values = { displayName: formField(req, 'displayName'), email: formField(req, 'email') }
    const parsed = firstAdminSchema.safeParse(formBody(req))
    if (!parsed.success) return formPage(res, 400, values, formErrorsOf(parsed.error))
    const result = await setupService.createFirstAdmin(token, parsed.data)
    if ('passwordProblem' in result)
      return formPage(res, 400, values, formErrorsFrom({ password: result.passwordProblem }))
    if (!result.ok) return refused(token, res) // another link was used first
    await startOfficerSession(req, result.user, now())
    await authService.recordSignIn(result.user)
    flash(req, 'Your admin account is ready. Invite other officers from Users.')
    res.redirect(303, '/admin')
  })

  return router
}
