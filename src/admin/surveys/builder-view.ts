import type { Response } from 'express'
import type { FormErrors } from '../../shared/form-errors'
import { type BuilderContext, builderUrl } from './context'
import { QUESTION_TYPE_LABELS } from './question-form'

export const settingsValuesOf = (context: BuilderContext) => ({
  introMarkdown: context.survey?.introMarkdown ?? '',
  estimatedMinutes: context.survey?.estimatedMinutes == null ? '' : String(context.survey.estimatedMinutes),
  aboutYouEnabled: context.survey?.aboutYouEnabled ? 'yes' : 'no',
  publishResponses: context.survey?.publishResponses ? 'yes' : 'no',
})

/** The builder's main page: settings, then every page with its questions and the buttons to change them. */
export function renderBuilder(
  res: Response,
  context: BuilderContext,
  status = 200,
  errors?: FormErrors,
  values: Record<string, string> = settingsValuesOf(context),
) {
  const pages = context.survey?.pages ?? []
  const movable = pages.filter((page) => !page.isAboutYou)
  res.status(status).render('admin/surveys/builder', {
    pageTitle: `Survey: ${context.consultation.title}`,
    ...context,
    pages: pages.map((page) => ({ ...page, index: movable.indexOf(page) })),
    movableCount: movable.length,
    typeLabels: QUESTION_TYPE_LABELS,
    values,
    base: builderUrl(context.consultation.id),
    ...(errors ?? {}),
  })
}
