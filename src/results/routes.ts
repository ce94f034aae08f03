import { type NextFunction, type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { takeFlash } from '../admin/access'
import type { AdminAccess, AuditRecorder } from '../admin/guard'
import type { CodingService } from '../coding/service'
import { provideCsrfToken } from '../middleware/csrf'
import { startedEarly } from '../shared/promises'
import { SLUG_PATTERN } from '../shared/slug'
import { filterQuery, parseFilter } from '../responses/filter'
import { pageNumber, searchText } from './schemas'
import { canPublish, type PublishingService } from './publishing'
import { canCrossTab, type ConsultationSurvey, type ResultsService, TEXT_TYPES } from './service'

export interface ResultsRouteDeps {
  resultsService: ResultsService
  codingService: CodingService
  publishingService: PublishingService
  access: AdminAccess
  audit: AuditRecorder
}

export const RESULTS_BASE = '/admin/consultations/:slug/results'

/** Finds the consultation's survey for the :slug in the path, or passes on to the 404 page. */
export async function findTarget(resultsService: ResultsService, req: Request, next: NextFunction): Promise<ConsultationSurvey | null> {
  const slug = String(req.params.slug)
  const target = slug.length <= 200 && SLUG_PATTERN.test(slug) ? await resultsService.findSurvey(slug) : null
  if (!target) next()
  return target
}

const publishForm = z.object({ questions: z.union([z.string(), z.array(z.string())]).default([]) })

export function resultsRoutes({ resultsService, codingService, publishingService, access, audit }: ResultsRouteDeps): Router {
  const router = Router()

  router.get(RESULTS_BASE, access.requireRole('analyst'), async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const { filter, values, errors } = parseFilter(req.query)
    const respondents = await resultsService.countRespondents(target, filter)
    res.render('admin/results/index', { ...target, filter, values, errors, respondents, query: filterQuery(filter) })
  })

  const questionPage = [access.requireRole('analyst'), provideCsrfToken, takeFlash]
  router.get(`${RESULTS_BASE}/questions/:key`, ...questionPage, async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const { filter, values, errors } = parseFilter(req.query)
    const question = target.questions.find(({ question: candidate }) => candidate.key === String(req.params.key))?.question
    if (!question) return next()
    const byKey = typeof req.query.by === 'string' ? req.query.by : ''
    const breakdowns = canCrossTab(question) ? target.questions.filter(({ question: other }) => canCrossTab(other) && other.id !== question.id) : []
    const by = breakdowns.find(({ question: other }) => other.key === byKey)
    // The cross-tab is the slowest part on a large consultation, so it runs alongside the figures.
    const crossTab = by ? startedEarly(resultsService.crossTab(target, question, by.question, filter)) : null
    const pending = startedEarly(resultsService.questionResult(target, question.key, filter))
    const search = searchText.parse(req.query.search)
    const page = pageNumber.parse(req.query.page)
    // A text question's answers are read alongside its figures, which give their count.
    const answeredOf = () => startedEarly(pending.then((found) => (found?.figures.kind === 'text' ? found.figures.answered : 0)))
    const earlyText = TEXT_TYPES.includes(question.type) ? startedEarly(resultsService.textAnswers(question, filter, { search, page, answered: answeredOf() })) : null
    const result = await pending
    if (!result) return next()
    const hasText = TEXT_TYPES.includes(question.type) || result.otherAnswered > 0
    const [textPage, codes] = await Promise.all([
      earlyText ?? (hasText ? resultsService.textAnswers(question, filter, { search, page }) : null),
      hasText ? codingService.listCodes(target.consultation.id) : [],
    ])
    res.render('admin/results/question', { ...target, result, filter, values, errors, query: filterQuery(filter), search, textPage, codes, breakdowns, by, crossTab: await crossTab })
  })

  router.get(`${RESULTS_BASE}/publish`, access.requireRole('editor'), provideCsrfToken, async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const publicIds = await publishingService.publicQuestionIds(target)
    res.render('admin/results/publish', { ...target, published: req.query.published !== undefined, publicIds: [...publicIds], publishable: target.questions.filter(({ question }) => canPublish(question.type)) })
  })

  router.post(`${RESULTS_BASE}/publish`, access.requireRole('editor'), async (req, res, next) => {
    const target = await findTarget(resultsService, req, next)
    if (!target) return
    const parsed = publishForm.safeParse(req.body)
    const keys = parsed.success ? [parsed.data.questions].flat() : []
    const ids = await publishingService.publish(target, keys)
    await audit.record(access.actorOf(req), { action: 'results.publish', entityType: 'consultation', entityId: target.consultation.id, consultationId: target.consultation.id, after: { questionIds: ids } })
    res.redirect(303, `/admin/consultations/${target.consultation.slug}/results/publish?published=${ids.length}`)
  })

  return router
}
