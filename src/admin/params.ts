import type { Request } from 'express'

/** Positive whole-number route parameters; anything else is a 404. */
export function idParam(req: Request, name: string): number | null {
  const raw = req.params[name]
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return null
  const value = Number(raw)
  return value <= 2_147_483_647 ? value : null
}
