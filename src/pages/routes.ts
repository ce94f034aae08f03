import { Router } from 'express'
import type { RouteDeps } from '../routes'

const STATIC_PAGES = {
  '/accessibility': 'pages/accessibility',
  '/privacy': 'pages/privacy',
  '/cookies': 'pages/cookies',
} as const

export function pageRoutes(_deps: RouteDeps): Router {
  const router = Router()
  for (const [path, view] of Object.entries(STATIC_PAGES)) {
    router.get(path, (_req, res) => res.render(view))
  }
  return router
}
