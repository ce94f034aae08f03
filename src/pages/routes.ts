import { Router } from 'express'

const STATIC_PAGES = {
  '/accessibility': 'pages/accessibility',
  '/cookies': 'pages/cookies',
} as const

export function pageRoutes(): Router {
  const router = Router()
  for (const [path, view] of Object.entries(STATIC_PAGES)) {
    router.get(path, (_req, res) => res.render(view))
  }
  return router
}
