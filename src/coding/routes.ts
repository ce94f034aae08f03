import { Router } from 'express'
import { z } from 'zod'
import type { AdminAccess, AuditRecorder } from '../admin/guard'
import { provideCsrfToken } from '../middleware/csrf'
import { findTarget, RESULTS_BASE } from '../results/routes'
import type { ResultsService } from '../results/service'
import { codesSavedMessage, type CodingService } from './service'
import { flash } from '../admin/access'

const CODES_BASE = '/admin/consultations/:slug/codes'
const positiveInt = z.number().int().positive().max(2 ** 31 - 1)
const id = z.coerce.number().pipe(positiveInt)
const ids = z.union([id, z.array(id)]).transform((value) => [value].flat())
const commaSeparatedIds = z.string().max(4000).transform((value) => value.split(',').map(Number)).pipe(z.array(positiveInt))

/** The tagging form: the answers shown (`answers`, their ids joined by commas) and, for each, the codes ticked (`codes-<answer id>`). */
function codesByAnswer(body: Record<string, unknown>): Map<number, number[]> {
  const answers = commaSeparatedIds.safeParse(body.answers)
  const result = new Map<number, number[]>()
  if (!answers.success) return result
  for (const answerId of answers.data.slice(0, 200)) {
    const ticked = ids.safeParse(body[`codes-${answerId}`] ?? [])
    result.set(answerId, ticked.success ? ticked.data : [])
  }
  return result
}

export function codingRoutes({ resultsService, codingService, access, audit }: { resultsService: ResultsService; codingService: CodingService; access: AdminAccess; audit: AuditRecorder }): Router {
  const router = Router()

  router.get(CODES_BASE, access.requireRole('analyst'), provideCsrfToken, async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    res.render('admin/codes/index', { ...target, codes: await codingService.listCodes(target.consultation.id), values: {} })
  })

  router.post(CODES_BASE, access.requireRole('analyst'), provideCsrfToken, async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const outcome = await codingService.addCode(target.consultation.id, req.body)
    if (!outcome.ok) {
      res.status(400).render('admin/codes/index', { ...target, codes: await codingService.listCodes(target.consultation.id), values: req.body, errors: outcome.errors })
      return
    }
    await audit.record(access.actorOf(req), { action: 'code.create', entityType: 'code', entityId: outcome.id, consultationId: target.consultation.id })
    res.redirect(303, `/admin/consultations/${target.consultation.slug}/codes`)
  })

  router.post(`${CODES_BASE}/:codeId/delete`, access.requireRole('analyst'), async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const codeId = id.safeParse(req.params.codeId)
    if (!codeId.success) return next()
    if (await codingService.deleteCode(target.consultation.id, codeId.data)) {
      await audit.record(access.actorOf(req), { action: 'code.delete', entityType: 'code', entityId: codeId.data, consultationId: target.consultation.id })
    }
    res.redirect(303, `/admin/consultations/${target.consultation.slug}/codes`)
  })

  router.post(`${RESULTS_BASE}/questions/:key/codes`, access.requireRole('analyst'), async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const tags = codesByAnswer(req.body as Record<string, unknown>)
    await codingService.tagAnswers(target.consultation.id, tags)
    flash(req, codesSavedMessage(tags.size))
    const back = typeof req.body.back === 'string' && req.body.back.startsWith('?') ? req.body.back : ''
    res.redirect(303, `/admin/consultations/${target.consultation.slug}/results/questions/${encodeURIComponent(String(req.params.key))}${back}`)
  })

  return router
}
