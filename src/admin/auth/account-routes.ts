import type { Request, Response, Router } from 'express'
import { formErrorsFrom, formErrorsOf } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { flash, officerOf, securedRouter } from '../access'
import { changePasswordSchema, codeSchema } from './schemas'
import { spacedSecret, totpQrSvg } from './totp'

/** An officer's own account: password and two-factor sign-in. */
export function accountRoutes(deps: RouteDeps): Router {
  const { authService } = deps.services
  const routes = securedRouter(deps)
  routes.get('/admin/account', async (_req, res) => {
    const officer = officerOf(res)
    res.render('admin/account/index', {
      pageTitle: 'Your account',
      recoveryCodesLeft: officer.totpEnabled ? await authService.countRecoveryCodes(officer.id) : 0,
      twoFactorRequired: await authService.isTwoFactorRequired(),
    })
  })

  const passwordPage = (res: Response, status: number, locals: object = {}) =>
    res.status(status).render('admin/account/password', { pageTitle: 'Change your password', ...locals })
  routes.get('/admin/account/password', (_req, res) => passwordPage(res, 200))
  routes.post('/admin/account/password', async (req, res) => {
    const parsed = changePasswordSchema.safeParse(req.body ?? {})
    if (!parsed.success) return passwordPage(res, 400, formErrorsOf(parsed.error))
    const result = await authService.changePassword(
      officerOf(res),
      parsed.data.currentPassword,
      parsed.data.newPassword,
    )
    if (!result.ok) return passwordPage(res, 400, formErrorsFrom({ [result.field]: result.error }))
    if (req.session.officer) req.session.officer.generation = result.sessionGeneration
    flash(req, 'Your password has been changed')
    res.redirect(303, '/admin/account')
  })

  const setupPage = async (req: Request, res: Response, status: number, locals: object = {}) => {
    const officer = officerOf(res)
    req.session.pendingTotpSecret ??= authService.newTotpSecret()
    const secret = req.session.pendingTotpSecret
    res.status(status).render('admin/account/two-factor', {
      pageTitle: 'Set up two-factor sign-in',
      qrSvg: await totpQrSvg(secret, officer.email),
      secretText: spacedSecret(secret),
      required: await authService.isTwoFactorRequired(),
      ...locals,
    })
  }
  routes.get('/admin/account/two-factor', async (req, res) => {
    if (officerOf(res).totpEnabled) return res.redirect(303, '/admin/account')
    await setupPage(req, res, 200)
  })
  routes.post('/admin/account/two-factor', async (req, res) => {
    const officer = officerOf(res)
    if (officer.totpEnabled) return res.redirect(303, '/admin/account')
    const parsed = codeSchema.safeParse(req.body ?? {})
    if (!parsed.success || !req.session.pendingTotpSecret)
      return setupPage(req, res, 400, parsed.success ? {} : formErrorsOf(parsed.error))
    const codes = await authService.enableTwoFactor(officer, req.session.pendingTotpSecret, parsed.data.code)
    if (!codes)
      return setupPage(
        req,
        res,
        400,
        formErrorsFrom({ code: 'Enter the 6-digit code your authenticator app shows now' }),
      )
    delete req.session.pendingTotpSecret
    res.render('admin/account/recovery-codes', { pageTitle: 'Two-factor sign-in is on', codes })
  })
  routes.post('/admin/account/two-factor/disable', async (req, res) => {
    if (await authService.isTwoFactorRequired()) {
      flash(req, 'Two-factor sign-in is required for everyone, so it cannot be turned off')
    } else {
      await authService.disableTwoFactor(officerOf(res))
      flash(req, 'Two-factor sign-in is off')
    }
    res.redirect(303, '/admin/account')
  })
  return routes.router
}
