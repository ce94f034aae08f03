import type { Request, RequestHandler, Response } from 'express'
import { Router } from 'express'
import type { Actor } from '../audit/service'
import type { RouteDeps } from '../routes'
import type { AuthService } from './auth/service'
import { sessionOf } from '../middleware/session'
import { paramLoaders } from './loaders'
import { ADMIN_ROUTES, type AdminMethod } from './route-table'
import { hasRole, type Role } from './users/roles'
import type { User } from './users/types'

export { idParam } from './params'

export const SIGN_IN_PATH = '/admin/sign-in'
export const ADMIN_IDLE_TIMEOUT_MS = 30 * 60 * 1000
export const ADMIN_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000
const SECOND_FACTOR_SETUP_PATH = '/admin/account/two-factor'

/**
 * Puts the signed-in officer on res.locals, re-reading the account on every request so a
 * deactivated user is signed out at once, and ends sessions that were idle or open too long, or
 * that signed in before the password was last changed or reset.
 */
export function loadOfficer(authService: AuthService, now: () => Date): RequestHandler {
  return async (req, res, next) => {
    const officer = sessionOf(req)?.officer
    if (!officer || res.locals.officer) return next()
    const at = now().getTime()
    const user = await authService.currentUser(officer.userId)
    if (
      user?.sessionGeneration !== officer.generation ||
      at - officer.lastSeenAt > ADMIN_IDLE_TIMEOUT_MS ||
      at - officer.signedInAt > ADMIN_ABSOLUTE_TIMEOUT_MS
    ) {
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((err?: Error | null) => (err ? reject(err) : resolve())),
      )
      return next()
    }
    officer.lastSeenAt = at
    res.locals.officer = user
    res.locals.adminNav = adminNavigation(user, req.originalUrl.split('?')[0] ?? '')
    next()
  }
}

export const officerOf = (res: Response): User => {
  if (!res.locals.officer) throw new Error('No signed-in officer: route registered without requireRole')
  return res.locals.officer
}

export const actorOf = (res: Response): Actor => {
  const { id, email } = officerOf(res)
  return { id, email }
}

const NAVIGATION: { href: string; text: string; role: Role; section: string }[] = [
  { href: '/admin', text: 'Admin home', role: 'analyst', section: '/admin' },
  { href: '/admin/consultations', text: 'Consultations', role: 'analyst', section: '/admin/consultations' },
  {
    href: '/admin/taxonomies/wards',
    text: 'Wards, audiences and topics',
    role: 'editor',
    section: '/admin/taxonomies',
  },
  { href: '/admin/users', text: 'Users', role: 'admin', section: '/admin/users' },
  { href: '/admin/audit', text: 'Audit log', role: 'admin', section: '/admin/audit' },
  { href: '/admin/account', text: 'Your account', role: 'analyst', section: '/admin/account' },
]

/** The admin navigation an officer's role allows, with the current section marked. */
export function adminNavigation(user: User, path: string) {
  return NAVIGATION.filter((item) => hasRole(user.role, item.role)).map((item) => ({
    href: item.href,
    text: item.text,
    active:
      item.section === '/admin' ? path === '/admin' : path === item.section || path.startsWith(`${item.section}/`),
  }))
}

/** Signed out: to the sign-in page. Signed in without the role: a friendly 403. */
export function requireRole(role: Role, authService: AuthService): RequestHandler {
  return async (req: Request, res, next) => {
    const officer = res.locals.officer
    if (!officer) {
      res.redirect(302, SIGN_IN_PATH)
      return
    }
    if (!officer.totpEnabled && req.path !== SECOND_FACTOR_SETUP_PATH && (await authService.isTwoFactorRequired())) {
      res.redirect(303, SECOND_FACTOR_SETUP_PATH)
      return
    }
    if (!hasRole(officer.role, role)) {
      res.status(403).render('admin/forbidden', { pageTitle: 'You do not have access to this page' })
      return
    }
    next()
  }
}

export interface SecuredRouter {
  router: Router
  get(path: string, ...handlers: RequestHandler[]): void
  post(path: string, ...handlers: RequestHandler[]): void
}

/**
 * Registers admin routes with the role ADMIN_ROUTES gives them (a route missing from the table is a
 * start-up error), then the loader of each route key it has (`:id`, `:slug`), then the handlers.
 */
export function securedRouter({ services }: RouteDeps): SecuredRouter {
  const router = Router()
  const loaders = paramLoaders(services)
  const add = (method: AdminMethod, path: string, handlers: RequestHandler[]) => {
    const rule = ADMIN_ROUTES.find((row) => row.method === method && row.path === path)
    if (!rule) throw new Error(`${method.toUpperCase()} ${path} is not in ADMIN_ROUTES`)
    const load = [...path.matchAll(/:(\w+)/g)].flatMap(([, key]) => (key && loaders[key] ? [loaders[key]] : []))
    router[method](path, requireRole(rule.role, services.authService), ...load, ...handlers)
  }
  return {
    router,
    get: (path, ...handlers) => add('get', path, handlers),
    post: (path, ...handlers) => add('post', path, handlers),
  }
}

/** A message to show once on the next page. */
export function flash(req: Request, text: string, heading?: string): void {
  req.session.flash = { text, heading }
}

export const takeFlash: RequestHandler = (req, res, next) => {
  if (sessionOf(req)?.flash) {
    res.locals.flash = req.session.flash
    delete req.session.flash
  }
  next()
}
