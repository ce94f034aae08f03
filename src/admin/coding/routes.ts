import type { Request, Response, Router } from 'express'
import { z } from 'zod'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import type { FormErrors } from '../../shared/form-errors'
import { codesSavedMessage } from '../../coding/service'
import { actorOf, flash, securedRouter } from '../access'
import { consultationSurveyOf } from '../loaders'
import { RESULTS_BASE } from '../results/paths'
import { formBody } from '../form-body'

const CODES_BASE = '/admin/consultations/:slug/codes'
const MAX_ANSWERS_PER_PAGE = 200
const positiveInt = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1)
const id = z.coerce.number().pipe(positiveInt)
const ids = z.union([id, z.array(id)]).transform((value) => [value].flat())
const commaSeparatedIds = z
  .string()
  .max(4000)
  .transform((value) => value.split(',').map(Number))
  .pipe(z.array(positiveInt))

/**
 * The tagging form: the answers shown (`answers`, their ids joined by commas) and, for each, the codes
 * ticked (`codes-<answer id>`).
 */
function codesByAnswer(body: Record<string, unknown>): Map<number, number[]> {
  const answers = commaSeparatedIds.safeParse(body.answers)
  const result = new Map<number, number[]>()
  if (!answers.success) return result
  for (const answerId of answers.data.slice(0, MAX_ANSWERS_PER_PAGE)) {
    const ticked = ids.safeParse(body[`codes-${answerId}`] ?? [])
    result.set(answerId, ticked.success ? ticked.data : [])
  }
  return result
}

/** Codes (themes) for free-text answers: the list, adding and deleting, and tagging answers on a results page. */
export function codingAdminRoutes(deps: RouteDeps): Router {
  const { codingService } = deps.services
  const routes = securedRouter(deps)
  const codesUrl = (res: Response) => `/admin/consultations/${consultationSurveyOf(res).consultation.slug}/codes`

  async function codesPage(res: Response, status: number, values: object = {}, errors?: FormErrors) {
    const target = consultationSurveyOf(res)
    const codes = await codingService.listCodes(target.consultation.id)
    res.status(status).render('admin/codes/index', { ...target, codes, values, ...(errors ?? {}) })
  }

  routes.get(CODES_BASE, (_req, res) => codesPage(res, 200))

  routes.post(CODES_BASE, async (req: Request, res) => {
    const { consultation } = consultationSurveyOf(res)
    const outcome = await codingService.addCode(actorOf(res), consultation.id, req.body)
    if (!outcome.ok) return codesPage(res, 400, req.body as object, outcome.errors)
    flash(req, 'Code added')
    res.redirect(303, codesUrl(res))
  })

  routes.post(`${CODES_BASE}/:codeId/delete`, async (req, res) => {
    const codeId = id.safeParse(req.params.codeId)
    if (!codeId.success) throw new NotFoundError('code')
    const deleted = await codingService.deleteCode(actorOf(res), consultationSurveyOf(res).consultation.id, codeId.data)
    flash(req, deleted ? 'Code deleted' : 'That code had already been deleted')
    res.redirect(303, codesUrl(res))
  })

  routes.post(`${RESULTS_BASE}/questions/:key/codes`, async (req, res) => {
    const { consultation } = consultationSurveyOf(res)
    const body = formBody(req)
    const tags = codesByAnswer(body)
    await codingService.tagAnswers(actorOf(res), consultation.id, tags)
    const back = typeof body.back === 'string' && body.back.startsWith('?') ? body.back : ''
    flash(req, codesSavedMessage(tags.size))
    const question = encodeURIComponent(String(req.params.key))
    res.redirect(303, `/admin/consultations/${consultation.slug}/results/questions/${question}${back}`)
  })

  return routes.router
}
