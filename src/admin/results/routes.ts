import type { Router } from 'express'
import { z } from 'zod'
import { canPublish } from '../../results/publishing'
import { filterQuery, parseFilter } from '../../responses/filter'
import { pageNumber, searchText } from '../../results/schemas'
import { canCrossTab, TEXT_TYPES } from '../../results/service'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import { startedEarly } from '../../shared/promises'
import { actorOf, flash, securedRouter } from '../access'
import { consultationSurveyOf } from '../loaders'
import { RESULTS_BASE } from './paths'

const publishForm = z.object({ questions: z.union([z.string(), z.array(z.string())]).default([]) })

/** Results of a consultation's survey: the overview, a page per question (with cross-tabs), publishing. */
export function resultsAdminRoutes(deps: RouteDeps): Router {
  const { resultsService, codingService, publishingService } = deps.services
  const routes = securedRouter(deps)

  routes.get(RESULTS_BASE, async (req, res) => {
    const target = consultationSurveyOf(res)
    const { filter, values, errors } = parseFilter(req.query)
    const respondents = await resultsService.countRespondents(target, filter)
    const query = filterQuery(filter)
    res.render('admin/results/index', { ...target, filter, values, errors, respondents, query })
  })

  routes.get(`${RESULTS_BASE}/questions/:key`, async (req, res) => {
    const target = consultationSurveyOf(res)
    const { filter, values, errors } = parseFilter(req.query)
    const question = target.questions.find(
      ({ question: candidate }) => candidate.key === String(req.params.key),
    )?.question
    if (!question) throw new NotFoundError('question')
    const byKey = typeof req.query.by === 'string' ? req.query.by : ''
    const breakdowns = canCrossTab(question)
      ? target.questions.filter(({ question: other }) => canCrossTab(other) && other.id !== question.id)
      : []
    const by = breakdowns.find(({ question: other }) => other.key === byKey)
    // The cross-tab is the slowest part on a large consultation, so it runs alongside the figures.
    const crossTab = by ? startedEarly(resultsService.crossTab(target, question, by.question, filter)) : null
    const pending = startedEarly(resultsService.questionResult(target, question.key, filter))
    const search = searchText.parse(req.query.search)
    const page = pageNumber.parse(req.query.page)
    const isText = TEXT_TYPES.includes(question.type)
    // A text question's answers are read alongside its figures, which give their count.
    const answeredOf = () =>
      startedEarly(pending.then((found) => (found?.figures.kind === 'text' ? found.figures.answered : 0)))
    const earlyText = isText
      ? startedEarly(resultsService.textAnswers(question, filter, { search, page, answered: answeredOf() }))
      : null
    const result = await pending
    if (!result) throw new NotFoundError('question')
    const hasText = isText || result.otherAnswered > 0
    const [textPage, codes] = await Promise.all([
      earlyText ?? (hasText ? resultsService.textAnswers(question, filter, { search, page }) : null),
      hasText ? codingService.listCodes(target.consultation.id) : [],
    ])
    res.render('admin/results/question', {
      ...target,
      result,
      filter,
      values,
      errors,
      query: filterQuery(filter),
      search,
      textPage,
      codes,
      breakdowns,
      by,
      crossTab: await crossTab,
    })
  })

  routes.get(`${RESULTS_BASE}/publish`, async (_req, res) => {
    const target = consultationSurveyOf(res)
    const [publicIds, withheld] = await Promise.all([
      publishingService.publicQuestionIds(target),
      publishingService.withheldFromPublic(target),
    ])
    const publishable = target.questions.filter(({ question }) => canPublish(question.type))
    res.render('admin/results/publish', { ...target, publicIds: [...publicIds], publishable, withheld })
  })

  routes.post(`${RESULTS_BASE}/publish`, async (req, res) => {
    const target = consultationSurveyOf(res)
    const parsed = publishForm.safeParse(req.body)
    const keys = parsed.success ? [parsed.data.questions].flat() : []
    const ids = await publishingService.publish(actorOf(res), target, keys)
    flash(req, `Published results updated: ${ids.length} question${ids.length === 1 ? '' : 's'} public`)
    res.redirect(303, `/admin/consultations/${target.consultation.slug}/results/publish`)
  })

  return routes.router
}
