import type { Response, Router } from 'express'
import { z } from 'zod'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { QUESTION_TYPES, type Question } from '../../surveys/types'
import type { RouteDeps } from '../../routes'
import { actorOf, flash, securedRouter } from '../access'
import { confirmSchema, moveSchema } from './builder-schemas'
import { renderBuilder } from './builder-view'
import { formBody } from '../form-body'
import { builderLoader, builderUrl, changed, type PageContext, type QuestionContext, refusalErrors } from './context'
import {
  parseQuestionForm,
  QUESTION_TYPE_LABELS,
  questionFormValues,
  type QuestionFormValues,
  questionTypeSchema,
  TYPE_FEATURES,
} from './question-form'

const typeQuerySchema = z.object({ type: z.string().optional().catch(undefined) })

/** Adding, editing, moving and deleting questions. */
export function surveyQuestionRoutes(deps: RouteDeps): Router {
  const builder = deps.services.surveyBuilderService
  const routes = securedRouter(deps)
  const load = builderLoader(builder)

  function renderForm(
    res: Response,
    context: PageContext,
    view: { question?: Question; values: QuestionFormValues; status?: number; errors?: FormErrors },
  ) {
    const type = questionTypeSchema.safeParse(view.values.type).data ?? 'short_text'
    const features = Object.fromEntries(
      Object.entries(TYPE_FEATURES).map(([name, types]) => [name, types.includes(type)]),
    )
    res.status(view.status ?? 200).render('admin/surveys/question-form', {
      pageTitle: view.question ? 'Edit question' : `Add a question: ${QUESTION_TYPE_LABELS[type]}`,
      consultation: context.consultation,
      page: context.page,
      question: view.question,
      hasResponses: context.responseCount > 0,
      type,
      typeLabel: QUESTION_TYPE_LABELS[type],
      typeItems: QUESTION_TYPES.map((value) => ({
        value,
        text: QUESTION_TYPE_LABELS[value],
        selected: value === type,
      })),
      features,
      values: view.values,
      action: builderUrl(
        context.consultation.id,
        view.question ? `/questions/${view.question.id}/edit` : `/pages/${context.page.id}/questions/new`,
      ),
      base: builderUrl(context.consultation.id),
      ...(view.errors ?? {}),
    })
  }

  routes.get('/admin/consultations/:id/survey/pages/:pageId/questions/new', async (req, res) => {
    const context = await load.page(req, res)
    const { type } = typeQuerySchema.parse(req.query)
    const chosen = questionTypeSchema.safeParse(type)
    if (chosen.success) return renderForm(res, context, { values: questionFormValues(null, undefined, chosen.data) })
    res.status(type === undefined ? 200 : 400).render('admin/surveys/question-type', {
      pageTitle: 'What type of question?',
      consultation: context.consultation,
      page: context.page,
      items: QUESTION_TYPES.map((value) => ({ value, text: QUESTION_TYPE_LABELS[value] })),
      action: builderUrl(context.consultation.id, `/pages/${context.page.id}/questions/new`),
      base: builderUrl(context.consultation.id),
      ...(type === undefined ? {} : formErrorsFrom({ type: 'Select the type of question' })),
    })
  })

  routes.post('/admin/consultations/:id/survey/pages/:pageId/questions/new', async (req, res) => {
    const context = await load.page(req, res)
    const values = questionFormValues(formBody(req))
    const parsed = parseQuestionForm(values)
    if (!parsed.ok) return renderForm(res, context, { values, status: 400, errors: parsed.errors })
    const result = changed(
      await builder.addQuestion(actorOf(res), context.consultation.id, context.page.id, parsed.fields),
      'survey page',
    )
    if (!result.ok) return renderForm(res, context, { values, status: 400, errors: refusalErrors(result, 'title') })
    flash(req, `Question “${parsed.fields.title}” added`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  routes.get('/admin/consultations/:id/survey/questions/:questionId/edit', async (req, res) => {
    const context = await load.question(req, res)
    renderForm(res, context, { question: context.question, values: questionFormValues(null, context.question) })
  })

  routes.post('/admin/consultations/:id/survey/questions/:questionId/edit', async (req, res) => {
    const context = await load.question(req, res)
    const values = questionFormValues(formBody(req), context.question)
    const parsed = parseQuestionForm(values, context.question)
    if (!parsed.ok)
      return renderForm(res, context, { question: context.question, values, status: 400, errors: parsed.errors })
    const result = changed(
      await builder.editQuestion(actorOf(res), context.consultation.id, context.question.id, parsed.fields),
      'question',
    )
    if (!result.ok)
      return renderForm(res, context, {
        question: context.question,
        values,
        status: 400,
        errors: refusalErrors(result, 'title'),
      })
    flash(req, `Question “${parsed.fields.title}” saved`)
    res.redirect(303, builderUrl(context.consultation.id))
  })

  routes.post('/admin/consultations/:id/survey/questions/:questionId/move', async (req, res) => {
    const context = await load.question(req, res)
    const parsed = moveSchema.safeParse(req.body ?? {})
    const result = parsed.success
      ? await builder.moveQuestion(actorOf(res), context.consultation.id, context.question.id, parsed.data.direction)
      : null
    if (parsed.success && result?.ok) {
      flash(req, `Question “${context.question.title}” moved ${parsed.data.direction}`)
      return res.redirect(303, builderUrl(context.consultation.id))
    }
    const message = result && !result.ok ? result.error : 'Choose whether to move the question up or down'
    renderBuilder(res, context, 400, formErrorsFrom({ [`question-${context.question.id}`]: message }))
  })

  const deleteView = (context: QuestionContext) => ({
    heading: `Delete the question “${context.question.title}”?`,
    detail: 'Residents will no longer be asked it.',
    action: builderUrl(context.consultation.id, `/questions/${context.question.id}/delete`),
  })
  const renderConfirm = (res: Response, context: QuestionContext, status = 200, errors?: FormErrors) =>
    res.status(status).render('admin/surveys/confirm-delete', {
      pageTitle: deleteView(context).heading,
      consultation: context.consultation,
      base: builderUrl(context.consultation.id),
      ...deleteView(context),
      ...(errors ?? {}),
    })

  routes.get('/admin/consultations/:id/survey/questions/:questionId/delete', async (req, res) => {
    const context = await load.question(req, res)
    renderConfirm(res, context)
  })

  routes.post('/admin/consultations/:id/survey/questions/:questionId/delete', async (req, res) => {
    const context = await load.question(req, res)
    const parsed = confirmSchema.safeParse(req.body ?? {})
    if (!parsed.success) return renderConfirm(res, context, 400, formErrorsOf(parsed.error))
    if (parsed.data.confirm === 'no') return res.redirect(303, builderUrl(context.consultation.id))
    const result = changed(
      await builder.deleteQuestion(actorOf(res), context.consultation.id, context.question.id),
      'question',
    )
    if (!result.ok) return renderConfirm(res, context, 400, refusalErrors(result, 'confirm'))
    flash(req, `Question “${context.question.title}” deleted`)
    res.redirect(303, builderUrl(context.consultation.id))
  })
  return routes.router
}
