import type { PageRoute } from '../../surveys/types'
import { OTHER_OPTION_VALUE } from '../../surveys/types'
import { present } from '../../shared/present'
import type { QuestionFields } from './builder-repository'
import { breakingQuestionChange } from './breaking-changes'
import {
  type ChangeContext,
  type Direction,
  findQuestion,
  moved,
  type Plan,
  questionSummary,
  responsesText,
  withPage,
  withScale,
} from './builder-plan'
import { newQuestionKey, toDefinition } from './definition'

// The plans of changes to a survey's questions (see createSurveyBuilderService).

export function addQuestionPlan(context: ChangeContext, pageId: number, asked: QuestionFields): Plan | null {
  const fields = withScale(asked)
  const page = context.survey.pages.find((candidate) => candidate.id === pageId)
  if (!page) return null
  const key = newQuestionKey(fields.title, context.survey)
  return {
    candidate: withPage(toDefinition(context.survey), page.key, (p) => ({
      ...p,
      questions: [...p.questions, { key, ...fields }],
    })),
    write: () =>
      context.builder.insertQuestion(context.trx, context.surveyId, pageId, key, page.questions.length, fields),
    audit: {
      action: 'survey.question.create',
      entityType: 'survey_question',
      after: { key, page: page.key, ...questionSummary(fields) },
    },
  }
}

export function editQuestionPlan(context: ChangeContext, questionId: number, asked: QuestionFields): Plan | null {
  const fields = withScale(asked)
  const found = findQuestion(context.survey, questionId)
  if (!found) return null
  const { page, question } = found
  const breaking = context.responseCount > 0 ? breakingQuestionChange(question, fields) : null
  if (breaking)
    return {
      field: breaking.field,
      error:
        `${breaking.message}, because ${responsesText(context.responseCount)}. ` + 'You can still fix the wording.',
    }
  const offered = fields.options
    .map((option) => option.value)
    .concat(fields.settings.allowOther ? [OTHER_OPTION_VALUE] : [])
  const keepRoute = (route: PageRoute) => route.questionKey !== question.key || offered.includes(route.optionValue)
  return {
    candidate: withPage(toDefinition(context.survey), page.key, (p) => ({
      ...p,
      questions: p.questions.map((q) => (q.key === question.key ? { key: q.key, ...fields } : q)),
      routes: (p.routes ?? []).filter(keepRoute),
    })),
    write: async () => {
      await context.builder.deleteRoutes(context.trx, { questionId, keepValues: offered })
      await context.builder.updateQuestion(context.trx, questionId, fields)
    },
    audit: {
      action: 'survey.question.update',
      entityType: 'survey_question',
      entityId: questionId,
      before: questionSummary(question),
      after: questionSummary(fields),
    },
  }
}

export function moveQuestionPlan(context: ChangeContext, questionId: number, direction: Direction): Plan | null {
  const found = findQuestion(context.survey, questionId)
  if (!found) return null
  const order = moved(found.page.questions, found.page.questions.indexOf(found.question), direction)
  if (!order)
    return {
      error:
        `“${found.question.title}” is already the ` + `${direction === 'up' ? 'first' : 'last'} question on its page`,
    }
  return {
    candidate: withPage(toDefinition(context.survey), found.page.key, (p) => ({
      ...p,
      questions: order.map((q) =>
        present(
          p.questions.find((c) => c.key === q.key),
          `Question ${q.key}`,
        ),
      ),
    })),
    write: () =>
      context.builder.setPositions(
        context.trx,
        'survey_questions',
        order.map((q) => q.id),
      ),
    audit: {
      action: 'survey.question.move',
      entityType: 'survey_question',
      entityId: questionId,
      before: { order: found.page.questions.map((q) => q.key) },
      after: { order: order.map((q) => q.key) },
    },
  }
}

export function deleteQuestionPlan(context: ChangeContext, questionId: number): Plan | null {
  const found = findQuestion(context.survey, questionId)
  if (!found) return null
  if (context.responseCount > 0)
    return {
      error:
        `You cannot delete the question “${found.question.title}” because ` +
        `${responsesText(context.responseCount)}. Their answers would be lost.`,
    }
  return {
    candidate: withPage(toDefinition(context.survey), found.page.key, (p) => ({
      ...p,
      questions: p.questions.filter((q) => q.key !== found.question.key),
      routes: (p.routes ?? []).filter((route) => route.questionKey !== found.question.key),
    })),
    write: () => context.builder.deleteQuestion(context.trx, questionId),
    audit: {
      action: 'survey.question.delete',
      entityType: 'survey_question',
      entityId: questionId,
      before: { key: found.question.key, ...questionSummary(found.question) },
    },
  }
}
