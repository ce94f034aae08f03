import type { Request, Response } from 'express'
import { Router } from 'express'
import { provideCsrfToken } from '../../middleware/csrf'
import { SESSION_COOKIE } from '../../middleware/session'
import { formErrorsFrom, formErrorsOf } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { codeSchema, newPasswordSchema, signInSchema } from './schemas'
import { sessionOf } from '../../middleware/session'
import { endSession, startOfficerSession } from './session'
import { formField } from '../form-body'

const PENDING_SIGN_IN_MS = 5 * 60 * 1000
const REJECTED = 'Enter a correct email address and password'
const LIMITED = 'Too many attempts to sign in. Wait 15 minutes and try again'
const MINUTE_MS = 60 * 1000

/** "Too many attempts… Wait N minutes": the password was not checked. */
const backedOff = (retryAt: Date, now: Date) => {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / MINUTE_MS))
  return `Too many attempts to sign in. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again`
}

/** Sign-in with password and, when turned on, an authenticator code; sign-out; one-time password links. */
export function authRoutes({ services: { authService, now } }: RouteDeps): Router {
  const router = Router()
  const signInPage = (res: Response, status: number, locals: object = {}) =>
    res.status(status).render('admin/auth/sign-in', { pageTitle: 'Sign in', values: {}, ...locals })

  router.get('/admin/sign-in', provideCsrfToken, (req, res) => {
    if (res.locals.officer) return res.redirect(303, '/admin')
    signInPage(res, 200)
  })

  router.post('/admin/sign-in', provideCsrfToken, async (req, res) => {
    const values = { email: formField(req, 'email').slice(0, 254) }
    const parsed = signInSchema.safeParse(req.body ?? {})
    if (!parsed.success) return signInPage(res, 400, { values, ...formErrorsOf(parsed.error) })
    const result = await authService.signIn(parsed.data.email, parsed.data.password, req.ip ?? 'unknown')
    if (result.kind === 'limited')
      return signInPage(res, 429, { values, ...formErrorsFrom({ email: backedOff(result.retryAt, now()) }) })
    if (result.kind === 'rejected') return signInPage(res, 401, { values, ...formErrorsFrom({ email: REJECTED }) })
    if (result.needsSecondFactor) {
      req.session.pendingSignIn = {
        userId: result.user.id,
        at: now().getTime(),
        generation: result.user.sessionGeneration,
      }
      return res.redirect(303, '/admin/sign-in/two-factor')
    }
    await startOfficerSession(req, result.user, now())
    await authService.recordSignIn(result.user)
    res.redirect(303, '/admin')
  })

  const pendingSignIn = (req: Request) => {
    const pending = sessionOf(req)?.pendingSignIn
    return pending && now().getTime() - pending.at < PENDING_SIGN_IN_MS ? pending : null
  }
  const codePage = (res: Response, status: number, locals: object = {}) =>
    res.status(status).render('admin/auth/two-factor', { pageTitle: 'Enter your security code', ...locals })

  router.get('/admin/sign-in/two-factor', provideCsrfToken, (req, res) => {
    if (!pendingSignIn(req)) return res.redirect(303, '/admin/sign-in')
    codePage(res, 200)
  })

  router.post('/admin/sign-in/two-factor', provideCsrfToken, async (req, res) => {
    const pending = pendingSignIn(req)
    if (!pending) return res.redirect(303, '/admin/sign-in')
    const { userId } = pending
    const parsed = codeSchema.safeParse(req.body ?? {})
    if (!parsed.success) return codePage(res, 400, formErrorsOf(parsed.error))
    const outcome = await authService.verifySecondFactor(userId, parsed.data.code)
    if (outcome !== 'ok') {
      return codePage(
        res,
        outcome === 'limited' ? 429 : 401,
        formErrorsFrom({ code: outcome === 'limited' ? LIMITED : 'Enter a correct security code' }),
      )
    }
    const user = await authService.currentUser(userId)
    if (user?.sessionGeneration !== pending.generation) return res.redirect(303, '/admin/sign-in')
    await startOfficerSession(req, user, now())
    await authService.recordSignIn(user)
    res.redirect(303, '/admin')
  })

  router.post('/admin/sign-out', async (req, res) => {
    await endSession(req)
    res.clearCookie(SESSION_COOKIE)
    res.redirect(303, '/admin/signed-out')
  })

  router.get('/admin/signed-out', (_req, res) =>
    res.render('admin/auth/signed-out', { pageTitle: 'You have signed out' }),
  )

  router.get('/admin/set-password/:token', provideCsrfToken, async (req, res) => {
    const user = await authService.userForResetToken(String(req.params.token))
    if (!user) return res.status(404).render('admin/auth/link-expired', { pageTitle: 'This link has expired' })
    res.render('admin/auth/set-password', { pageTitle: 'Set your password', email: user.email })
  })

  router.post('/admin/set-password/:token', provideCsrfToken, async (req, res) => {
    const token = String(req.params.token)
    const user = await authService.userForResetToken(token)
    if (!user) return res.status(404).render('admin/auth/link-expired', { pageTitle: 'This link has expired' })
    const page = (errors: object) =>
      res
        .status(400)
        .render('admin/auth/set-password', { pageTitle: 'Set your password', email: user.email, ...errors })
    const parsed = newPasswordSchema.safeParse(req.body ?? {})
    if (!parsed.success) return page(formErrorsOf(parsed.error))
    const result = await authService.resetPassword(token, parsed.data.password)
    if (!result.ok) return page(formErrorsFrom({ password: result.error }))
    await endSession(req)
    res.redirect(303, '/admin/sign-in?password=set')
  })

  return router
}
