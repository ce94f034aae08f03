import type { Express } from 'express'

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
}

function postPathsIn(stack: readonly Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return layer.route.methods.post && typeof layer.route.path === 'string' ? [layer.route.path] : []
    return layer.handle?.stack ? postPathsIn(layer.handle.stack) : []
  })
}

/** Every POST route the app registers, public and admin, read from its routers (none are mounted under a prefix). */
export function postRoutesOf(app: Express): string[] {
  const { router } = app as unknown as { router: { stack: Layer[] } }
  return [...new Set(postPathsIn(router.stack))].sort()
}
