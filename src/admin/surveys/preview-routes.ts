import type { Response, Router } from 'express'
import { NotFoundError } from '../../shared/errors'
import { questionView } from '../../surveys/question-view'
import type { SurveyPage } from '../../surveys/types'
import type { RouteDeps } from '../../routes'
import { officerOf, securedRouter } from '../access'
import { hasRole } from '../users/roles'
import { builderLoader, builderUrl } from './context'

/** What a route does, in words, for the officer reading the preview. */
function routeNotes(page: SurveyPage, pages: SurveyPage[]): string[] {
  return page.routes.map((route) => {
    const question = page.questions.find((candidate) => candidate.key === route.questionKey)
    const option = question?.options.find((candidate) => candidate.value === route.optionValue)
    const target =
      route.targetPageKey === null
        ? 'the end of the survey'
        : `“${pages.find((candidate) => candidate.key === route.targetPageKey)?.title ?? route.targetPageKey}”`
    return (
      `If the answer to “${question?.title ?? route.questionKey}” is “${option?.label ?? route.optionValue}”, ` +
      `residents go to ${target}.`
    )
  })
}

/** Where the preview ends: an editor goes back to the builder; an analyst, who may not use it, to the consultation. */
function previewExit(res: Response, consultationId: number): { href: string; text: string } {
  return hasRole(officerOf(res).role, 'editor')
    ? { href: builderUrl(consultationId), text: 'Back to the survey builder' }
    : { href: `/admin/consultations/${consultationId}`, text: 'Back to the consultation' }
}

/** The survey as a resident sees it, page by page, with nothing stored. */
export function surveyPreviewRoutes(deps: RouteDeps): Router {
  const builder = deps.services.surveyBuilderService
  const routes = securedRouter(deps)
  const load = builderLoader(builder)
  const previewUrl = (consultationId: number, pageKey: string) => builderUrl(consultationId, `/preview/${pageKey}`)

  routes.get('/admin/consultations/:id/survey/preview', async (req, res) => {
    const context = await load.load(req, res)
    const first = context.survey?.pages.find((page) => !page.isAboutYou)
    res.redirect(
      303,
      first ? previewUrl(context.consultation.id, first.key) : previewExit(res, context.consultation.id).href,
    )
  })

  routes.get('/admin/consultations/:id/survey/preview/:pageKey', async (req, res) => {
    const context = await load.load(req, res)
    const survey = context.survey
    const pages = survey
      ? [
          ...survey.pages.filter((page) => !page.isAboutYou),
          ...(survey.aboutYouEnabled ? survey.pages.filter((page) => page.isAboutYou) : []),
        ]
      : []
    const index = pages.findIndex((page) => page.key === req.params.pageKey)
    const page = pages[index]
    if (!page) throw new NotFoundError()
    const id = context.consultation.id
    const next = pages[index + 1]
    const previous = pages[index - 1]
    const exit = previewExit(res, id)
    res.render('surveys/page', {
      consultation: context.consultation,
      page,
      pageNumber: index + 1,
      pageCount: pages.length,
      questions: page.questions.map((question) => questionView(question, {}, {})),
      preview: { notes: routeNotes(page, pages), nextText: next ? 'Next page' : exit.text, exit },
      formAction: next ? previewUrl(id, next.key) : exit.href,
      backHref: previous ? previewUrl(id, previous.key) : exit.href,
    })
  })
  return routes.router
}
