import type { PageRoute } from '../../surveys/types'
import { present } from '../../shared/present'
import type { PageFields } from './builder-repository'
import { type ChangeContext, type Direction, moved, type Plan, responsesText, withPage } from './builder-plan'
import { type DefinitionPage, orderPages, newPageKey, toDefinition } from './definition'

// The plans of changes to a survey's pages and their routes (see createSurveyBuilderService).

export function addPagePlan(context: ChangeContext, fields: PageFields): Plan | null {
  const key = newPageKey(fields.title, context.survey)
  const definition = toDefinition(context.survey)
  return {
    candidate: { ...definition, pages: orderPages([...definition.pages, { key, ...fields, questions: [] }]) },
    write: async () => {
      const id = await context.builder.insertPage(context.trx, context.surveyId, { key, ...fields })
      const order = orderPages([...context.survey.pages, { id, isAboutYou: false }]).map((page) => page.id)
      await context.builder.setPositions(context.trx, 'survey_pages', order)
      return id
    },
    audit: { action: 'survey.page.create', entityType: 'survey_page', after: { key, ...fields } },
  }
}

export function editPagePlan(context: ChangeContext, pageId: number, fields: PageFields): Plan | null {
  const page = context.survey.pages.find((candidate) => candidate.id === pageId)
  if (!page) return null
  return {
    candidate: withPage(toDefinition(context.survey), page.key, (p) => ({ ...p, ...fields })),
    write: () => context.builder.updatePage(context.trx, pageId, fields),
    audit: {
      action: 'survey.page.update',
      entityType: 'survey_page',
      entityId: pageId,
      before: { title: page.title, introMarkdown: page.introMarkdown },
      after: { ...fields },
    },
  }
}

export function movePagePlan(context: ChangeContext, pageId: number, direction: Direction): Plan | null {
  const movable = context.survey.pages.filter((page) => !page.isAboutYou)
  const index = movable.findIndex((page) => page.id === pageId)
  const moving = movable[index]
  if (!moving) return null
  const order = moved(movable, index, direction)
  if (!order) return { error: `“${moving.title}” is already the ${direction === 'up' ? 'first' : 'last'} page` }
  const pages = orderPages([...order, ...context.survey.pages.filter((page) => page.isAboutYou)])
  const definition = toDefinition(context.survey)
  return {
    candidate: {
      ...definition,
      pages: pages.map((page) =>
        present(
          definition.pages.find((p) => p.key === page.key),
          `Page ${page.key}`,
        ),
      ),
    },
    write: () =>
      context.builder.setPositions(
        context.trx,
        'survey_pages',
        pages.map((page) => page.id),
      ),
    audit: {
      action: 'survey.page.move',
      entityType: 'survey_page',
      entityId: pageId,
      before: { order: context.survey.pages.map((p) => p.key) },
      after: { order: pages.map((p) => p.key) },
    },
  }
}

export function deletePagePlan(context: ChangeContext, pageId: number): Plan | null {
  const page = context.survey.pages.find((candidate) => candidate.id === pageId)
  if (!page) return null
  if (page.isAboutYou) return { error: 'Turn the About you page off in the survey settings instead of deleting it' }
  if (context.responseCount > 0 && page.questions.length > 0) {
    return {
      error:
        `You cannot delete the page “${page.title}” because it has questions and ` +
        `${responsesText(context.responseCount)}. Their answers would be lost.`,
    }
  }
  const definition = toDefinition(context.survey)
  const dropRoutesTo = (p: DefinitionPage) => ({
    ...p,
    routes: (p.routes ?? []).filter((route) => route.targetPageKey !== page.key),
  })
  return {
    candidate: { ...definition, pages: definition.pages.filter((p) => p.key !== page.key).map(dropRoutesTo) },
    write: async () => {
      await context.builder.deleteRoutes(context.trx, { surveyId: context.surveyId, targetPageKey: page.key })
      await context.builder.deletePage(context.trx, pageId)
    },
    audit: {
      action: 'survey.page.delete',
      entityType: 'survey_page',
      entityId: pageId,
      before: { key: page.key, title: page.title, questions: page.questions.map((q) => q.title) },
    },
  }
}

/** Replaces the routes on one page; a route that goes back (and so could loop) is refused. */
export function setRoutesPlan(context: ChangeContext, pageId: number, routes: PageRoute[]): Plan | null {
  const page = context.survey.pages.find((candidate) => candidate.id === pageId)
  if (!page) return null
  const idOf = new Map(page.questions.map((question) => [question.key, question.id]))
  return {
    candidate: withPage(toDefinition(context.survey), page.key, (p) => ({ ...p, routes })),
    write: () =>
      context.builder.replaceRoutes(
        context.trx,
        pageId,
        routes.map((route) => ({
          questionId: present(idOf.get(route.questionKey), `Question ${route.questionKey}`),
          optionValue: route.optionValue,
          targetPageKey: route.targetPageKey,
        })),
      ),
    audit: {
      action: 'survey.routes.update',
      entityType: 'survey_page',
      entityId: pageId,
      before: { routes: page.routes },
      after: { routes },
    },
  }
}
