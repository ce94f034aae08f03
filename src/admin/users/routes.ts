import type { Request, Response, Router } from 'express'
import { NotFoundError } from '../../shared/errors'
import { z } from 'zod'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { actorOf, flash, idParam, officerOf, securedRouter } from '../access'
import { displayNameField, emailField } from './fields'
import { ROLE_LABELS, ROLES } from './roles'
import { formField } from '../form-body'

const roleField = z.enum(ROLES, { error: 'Select a role' })
const inviteSchema = z.object({
  displayName: displayNameField('Enter the person’s name'),
  email: emailField('Enter an email address'),
  role: roleField,
})

export function userAdminRoutes(deps: RouteDeps): Router {
  const {
    config: { baseUrl },
    services: { userService, authService },
  } = deps
  const routes = securedRouter(deps)
  const roleItems = (selected?: string) =>
    ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: role === selected }))
  const linkFor = (token: string) => `${baseUrl}/admin/set-password/${token}`

  routes.get('/admin/users', async (_req, res) => {
    res.render('admin/users/list', { pageTitle: 'Users', users: await userService.list() })
  })

  const invitePage = (res: Response, status: number, values: Record<string, string> = {}, errors?: FormErrors) =>
    res.status(status).render('admin/users/new', {
      pageTitle: 'Invite a user',
      values,
      roleItems: roleItems(values.role),
      ...(errors ?? {}),
    })
  routes.get('/admin/users/new', (_req, res) => invitePage(res, 200))
  routes.post('/admin/users/new', async (req, res) => {
    const values = {
      displayName: formField(req, 'displayName'),
      email: formField(req, 'email'),
      role: formField(req, 'role'),
    }
    const parsed = inviteSchema.safeParse(req.body ?? {})
    if (!parsed.success) return invitePage(res, 400, values, formErrorsOf(parsed.error))
    const result = await userService.invite(actorOf(res), parsed.data)
    if (!result.ok) return invitePage(res, 400, values, formErrorsFrom({ email: result.error }))
    res.render('admin/users/link', {
      pageTitle: 'User invited',
      user: parsed.data,
      link: linkFor(result.token),
      userId: result.userId,
    })
  })

  const userPage = async (req: Request, res: Response, status: number, errors?: FormErrors) => {
    const id = idParam(req, 'userId')
    const user = id ? await userService.get(id) : null
    if (!user) throw new NotFoundError()
    res.status(status).render('admin/users/show', {
      pageTitle: user.displayName,
      user,
      roleItems: roleItems(user.role),
      isSelf: user.id === officerOf(res).id,
      ...(errors ?? {}),
    })
  }
  routes.get('/admin/users/:userId', (req, res) => userPage(req, res, 200))

  routes.post('/admin/users/:userId/role', async (req, res, next) => {
    const id = idParam(req, 'userId')
    if (!id) return next()
    const parsed = z.object({ role: roleField }).safeParse(req.body ?? {})
    if (!parsed.success) return userPage(req, res, 400, formErrorsOf(parsed.error))
    const result = await userService.changeRole(actorOf(res), id, parsed.data.role)
    if (!result.ok) return userPage(req, res, 400, formErrorsFrom({ role: result.error }))
    flash(req, 'Role changed')
    res.redirect(303, `/admin/users/${id}`)
  })

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    routes.post(`/admin/users/:userId/${action}`, async (req, res, next) => {
      const id = idParam(req, 'userId')
      if (!id) return next()
      const result = await userService.setActive(actorOf(res), id, active)
      if (!result.ok) return userPage(req, res, 400, formErrorsFrom({ status: result.error }))
      flash(req, active ? 'User reactivated' : 'User deactivated and signed out')
      res.redirect(303, `/admin/users/${id}`)
    })
  }

  routes.post('/admin/users/:userId/reset-password', async (req, res, next) => {
    const id = idParam(req, 'userId')
    if (!id) return next()
    const token = await userService.issuePasswordReset(actorOf(res), id)
    const user = await userService.get(id)
    if (!token || !user)
      return userPage(req, res, 400, formErrorsFrom({ status: 'Reactivate this user before resetting their password' }))
    res.render('admin/users/link', {
      pageTitle: 'Password reset link',
      user,
      link: linkFor(token),
      userId: id,
      reset: true,
    })
  })

  routes.get('/admin/settings', async (_req, res) => {
    res.render('admin/users/settings', { pageTitle: 'Settings', required: await authService.isTwoFactorRequired() })
  })
  routes.post('/admin/settings', async (req, res) => {
    const parsed = z
      .object({
        requireTwoFactor: z.enum(['yes', 'no'], { error: 'Select whether everyone must use two-factor sign-in' }),
      })
      .safeParse(req.body ?? {})
    if (!parsed.success)
      return res.status(400).render('admin/users/settings', {
        pageTitle: 'Settings',
        required: await authService.isTwoFactorRequired(),
        ...formErrorsOf(parsed.error),
      })
    await authService.setTwoFactorRequired(actorOf(res), parsed.data.requireTwoFactor === 'yes')
    flash(req, 'Settings saved')
    res.redirect(303, '/admin/settings')
  })
  return routes.router
}
