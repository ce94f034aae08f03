import type { Response, Router } from 'express'
import { NotFoundError } from '../../shared/errors'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { actorOf, flash, securedRouter } from '../access'
import {
  confirmSchema,
  END_OF_SURVEY,
  formStrings,
  moveSchema,
  pageFormSchema,
  parseRoutesForm,
  routableAnswers,
  settingsFormSchema,
} from './builder-schemas'
import { type BuilderContext, builderLoader, builderUrl, changed, type PageContext, refusalErrors } from './context'
import { renderBuilder } from './builder-view'

/** The survey builder: settings, pages (add, edit, move, delete) and each page's routes. */
export function surveyBuilderRoutes(deps: RouteDeps): Router {
  const builder = deps.services.surveyBuilderService
  const routes = securedRouter(deps)
  const load = builderLoader(builder)

  routes.get('/admin/consultations/:id/survey', async (req, res) => {
    const context = await load.load(req, res)
    renderBuilder(res, context)
  })

  routes.post('/admin/consultations/:id/survey', async (req, res) => {
    const context = await load.load(req, res)
    const values = formStrings(req.body, ['introMarkdown', 'estimatedMinutes', 'aboutYouEnabled', 'publishResponses'])
    const parsed = settingsFormSchema.safeParse(values)
    if (!parsed.success) return renderBuilder(res, context, 400, formErrorsOf(parsed.error), values)
    const result = changed(await builder.saveSettings(actorOf(res), context.consultation.id, parsed.data), 'survey')
    if (!result.ok) return renderBuilder(res, context, 400, refusalErrors(result, 'aboutYouEnabled'), values)
    flash(req, 'Survey settings saved')
    res.redirect(303, builderUrl(context.consultation.id))
  })

  const renderPageForm = (
    res: Response,
    context: BuilderContext,
    view: { pageId?: number; values: Record<string, string>; status?: number; errors?: FormErrors },
  ) =>
    res.status(view.status ?? 200).render('admin/surveys/page-form', {
      pageTitle: view.pageId ? 'Edit page' : 'Add a page',
      consultation: context.consultation,
      action: builderUrl(context.consultation.id, view.pageId ? `/pages/${view.pageId}/edit` : '/pages/new'),
      base: builderUrl(context.consultation.id),
      values: view.values,
      ...(view.errors ?? {}),
    })

  routes.get('/admin/consultations/:id/survey/pages/new', async (req, res) => {
    const context = await load.load(req, res)
    renderPageForm(res, context, { values: { title: '', introMarkdown: '' } })
  })

  routes.post('/admin/consultations/:id/survey/pages/new', async (req, res) => {
    const context = await load.load(req, res)
    const values = formStrings(req.body, ['title', 'introMarkdown'])
    const parsed = pageFormSchema.safeParse(values)
    if (!parsed.success)
      return renderPageForm(res, context, { values, status: 400, errors: formErrorsOf(parsed.error) })
    const result = changed(await builder.addPage(actorOf(res), context.consultation.id, parsed.data), 'survey')
    if (!result.ok) return renderPageForm(res, context, { values, status: 400, errors: refusalErrors(result, 'title') })
    flash(req, `Page “${parsed.data.title}” added`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  routes.get('/admin/consultations/:id/survey/pages/:pageId/edit', async (req, res) => {
    const context = await load.page(req, res)
    renderPageForm(res, context, {
      pageId: context.page.id,
      values: { title: context.page.title, introMarkdown: context.page.introMarkdown },
    })
  })

  routes.post('/admin/consultations/:id/survey/pages/:pageId/edit', async (req, res) => {
    const context = await load.page(req, res)
    const values = formStrings(req.body, ['title', 'introMarkdown'])
    const parsed = pageFormSchema.safeParse(values)
    if (!parsed.success)
      return renderPageForm(res, context, {
        pageId: context.page.id,
        values,
        status: 400,
        errors: formErrorsOf(parsed.error),
      })
    const result = changed(
      await builder.editPage(actorOf(res), context.consultation.id, context.page.id, parsed.data),
      'survey page',
    )
    if (!result.ok)
      return renderPageForm(res, context, {
        pageId: context.page.id,
        values,
        status: 400,
        errors: refusalErrors(result, 'title'),
      })
    flash(req, `Page “${parsed.data.title}” saved`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  routes.post('/admin/consultations/:id/survey/pages/:pageId/move', async (req, res) => {
    const context = await load.page(req, res)
    const parsed = moveSchema.safeParse(req.body ?? {})
    if (!parsed.success)
      return renderBuilder(
        res,
        context,
        400,
        formErrorsFrom({ [`page-${context.page.id}`]: 'Choose whether to move the page up or down' }),
      )
    const result = await builder.movePage(actorOf(res), context.consultation.id, context.page.id, parsed.data.direction)
    if (!result) throw new NotFoundError()
    if (!result.ok)
      return renderBuilder(res, context, 400, formErrorsFrom({ [`page-${context.page.id}`]: result.error }))
    flash(req, `Page “${context.page.title}” moved ${parsed.data.direction}`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  const renderConfirm = (
    res: Response,
    context: BuilderContext,
    view: { heading: string; detail: string; action: string; status?: number; errors?: FormErrors },
  ) =>
    res.status(view.status ?? 200).render('admin/surveys/confirm-delete', {
      pageTitle: view.heading,
      consultation: context.consultation,
      base: builderUrl(context.consultation.id),
      ...view,
      ...(view.errors ?? {}),
    })

  const pageDeleteView = (context: BuilderContext & { page: { id: number; title: string; questions: unknown[] } }) => ({
    heading: `Delete the page “${context.page.title}”?`,
    detail:
      context.page.questions.length > 0
        ? `Its ${context.page.questions.length} question${context.page.questions.length === 1 ? '' : 's'} ` +
          'will be deleted too.'
        : 'The page has no questions.',
    action: builderUrl(context.consultation.id, `/pages/${context.page.id}/delete`),
  })

  routes.get('/admin/consultations/:id/survey/pages/:pageId/delete', async (req, res) => {
    const context = await load.page(req, res)
    renderConfirm(res, context, pageDeleteView(context))
  })

  routes.post('/admin/consultations/:id/survey/pages/:pageId/delete', async (req, res) => {
    const context = await load.page(req, res)
    const parsed = confirmSchema.safeParse(req.body ?? {})
    if (!parsed.success)
      return renderConfirm(res, context, {
        ...pageDeleteView(context),
        status: 400,
        errors: formErrorsOf(parsed.error),
      })
    if (parsed.data.confirm === 'no') return res.redirect(303, builderUrl(context.consultation.id))
    const result = changed(
      await builder.deletePage(actorOf(res), context.consultation.id, context.page.id),
      'survey page',
    )
    if (!result.ok)
      return renderConfirm(res, context, {
        ...pageDeleteView(context),
        status: 400,
        errors: refusalErrors(result, 'confirm'),
      })
    flash(req, `Page “${context.page.title}” deleted`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  function renderRoutes(
    res: Response,
    context: PageContext,
    values: Record<string, string>,
    status = 200,
    errors?: FormErrors,
  ) {
    const pages = context.survey.pages.filter((page) => !page.isAboutYou)
    const later = pages.slice(pages.indexOf(context.page) + 1)
    const answers = routableAnswers(context.page).map((answer) => ({
      ...answer,
      items: [
        { value: '', text: 'Next page (no route)' },
        ...later.map((page) => ({ value: page.key, text: `Go to “${page.title}”` })),
        { value: END_OF_SURVEY, text: 'Go to the end of the survey' },
      ].map((item) => ({ ...item, selected: values[answer.field] === item.value })),
    }))
    res.status(status).render('admin/surveys/routes', {
      pageTitle: `Routes from “${context.page.title}”`,
      consultation: context.consultation,
      page: context.page,
      answers,
      base: builderUrl(context.consultation.id),
      ...(errors ?? {}),
    })
  }

  routes.get('/admin/consultations/:id/survey/pages/:pageId/routes', async (req, res) => {
    const context = await load.page(req, res)
    const values = Object.fromEntries(
      context.page.routes.map((route) => [
        `route-${route.questionKey}-${route.optionValue}`,
        route.targetPageKey ?? END_OF_SURVEY,
      ]),
    )
    renderRoutes(res, context, values)
  })

  routes.post('/admin/consultations/:id/survey/pages/:pageId/routes', async (req, res) => {
    const context = await load.page(req, res)
    const parsed = parseRoutesForm(context.survey, context.page, req.body)
    if (Object.keys(parsed.errors).length > 0)
      return renderRoutes(res, context, parsed.values, 400, formErrorsFrom(parsed.errors))
    const result = changed(
      await builder.setRoutes(actorOf(res), context.consultation.id, context.page.id, parsed.routes),
      'survey page',
    )
    const first = routableAnswers(context.page)[0]?.field ?? 'routes'
    if (!result.ok) return renderRoutes(res, context, parsed.values, 400, refusalErrors(result, first))
    flash(req, `Routes from “${context.page.title}” saved`)
    res.redirect(303, builderUrl(context.consultation.id))
  })
  return routes.router
}
