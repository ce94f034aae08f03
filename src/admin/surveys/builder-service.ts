import type { Knex } from 'knex'
import type { Actor, AuditEvent, AuditService } from '../../audit/service'
import { aboutYouPage, consentQuestion } from '../../surveys/about-you'
import { optionsOf } from '../../surveys/answers'
import type { SurveyRepository } from '../../surveys/repository'
import { definitionProblems } from '../../surveys/routing'
import type { NewSurvey, PageRoute, Question, Survey, SurveyPage } from '../../surveys/types'
import { OTHER_OPTION_VALUE } from '../../surveys/types'
import { listWardNames } from '../../surveys/ward-options-repository'
import { present } from '../../shared/present'
import type { PageFields, QuestionFields, SurveyBuilderRepository, SurveySettings } from './builder-repository'
import { breakingQuestionChange } from './breaking-changes'
import {
  CONSENT_PROBLEM,
  type DefinitionPage,
  newPageKey,
  newQuestionKey,
  orderPages,
  toDefinition,
} from './definition'

export type ChangeResult = { ok: true; id?: number } | { ok: false; error: string; field?: string }
export type Direction = 'up' | 'down'

interface ChangeContext {
  trx: Knex.Transaction
  survey: Survey
  surveyId: number
  responseCount: number
}

type Plan =
  | { error: string; field?: string }
  | {
      candidate: NewSurvey
      write: (() => Promise<number>) | (() => Promise<void>)
      audit: Omit<AuditEvent, 'consultationId'>
    }

const responsesText = (count: number) =>
  `the survey already has ${count.toLocaleString('en-GB')} response${count === 1 ? '' : 's'}`
const questionSummary = (question: QuestionFields | Question) => ({
  type: question.type,
  title: question.title,
  hint: question.hint,
  required: question.required,
  personalData: question.personalData,
  settings: question.settings,
  options: question.options.map((option) => option.label),
  statements: question.statements.map((statement) => statement.label),
})

/**
 * A question as it is stored: an agreement or matrix question keeps its scale as options, like any other
 * choice, so its answers get codes (src/surveys/choice-layout.ts), are counted, routed on and exported as labels.
 */
const withScale = (question: QuestionFields): QuestionFields => ({ ...question, options: optionsOf(question) })

/** Moves one item up or down a list; null when it is already at that end. */
function moved<T>(list: T[], index: number, direction: Direction): T[] | null {
  const to = direction === 'up' ? index - 1 : index + 1
  if (index < 0 || to < 0 || to >= list.length) return null
  const copy = [...list]
  copy.splice(to, 0, ...copy.splice(index, 1))
  return copy
}

/**
 * Officers' changes to a survey. Each change is checked against the whole definition (routes only go forward)
 * and, once residents have answered, refused if it would orphan or reinterpret their stored answers.
 */
export function createSurveyBuilderService({
  db,
  surveys,
  builder,
  audit,
}: {
  db: Knex
  surveys: SurveyRepository
  builder: SurveyBuilderRepository
  audit: AuditService
}) {
  async function change(
    actor: Actor,
    consultationId: number,
    plan: (context: ChangeContext) => Promise<Plan | null> | Plan | null,
  ): Promise<ChangeResult | null> {
    return db.transaction(async (trx) => {
      const surveyId = await builder.ensureSurvey(trx, consultationId)
      const survey = present(
        await surveys.findByConsultationId(consultationId, trx),
        `Survey of consultation ${consultationId}`,
      )
      const planned = await plan({ trx, survey, surveyId, responseCount: await builder.responseCount(surveyId, trx) })
      if (!planned) return null
      if ('error' in planned)
        return { ok: false, error: planned.error, ...(planned.field ? { field: planned.field } : {}) }
      const problems = definitionProblems(planned.candidate).filter((problem) => problem !== CONSENT_PROBLEM)
      const [problem] = problems
      if (problem !== undefined) return { ok: false, error: problem }
      const id = await planned.write()
      await audit.record(actor, { ...planned.audit, consultationId }, trx)
      return { ok: true, ...(typeof id === 'number' ? { id } : {}) }
    })
  }

  const withPage = (
    definition: NewSurvey,
    pageKey: string,
    update: (page: DefinitionPage) => DefinitionPage | null,
  ): NewSurvey => ({
    ...definition,
    pages: definition.pages.flatMap((page) => (page.key === pageKey ? (update(page) ?? []) : [page])),
  })
  const findQuestion = (survey: Survey, questionId: number): { page: SurveyPage; question: Question } | null => {
    for (const page of survey.pages) {
      const question = page.questions.find((candidate) => candidate.id === questionId)
      if (question) return { page, question }
    }
    return null
  }

  async function switchAboutYou(context: ChangeContext, enabled: boolean): Promise<void> {
    const page = context.survey.pages.find((candidate) => candidate.isAboutYou)
    if (!enabled && page && context.responseCount === 0) await builder.deletePage(context.trx, page.id)
    if (!enabled || page) return
    const generated = aboutYouPage(await listWardNames(context.trx))
    const hasConsent = context.survey.pages.some((candidate) =>
      candidate.questions.some((question) => question.type === 'consent'),
    )
    const questions = hasConsent
      ? generated.questions
      : [...generated.questions, consentQuestion(newQuestionKey('consent', context.survey))]
    const pageId = await builder.insertPage(context.trx, context.surveyId, {
      key: newPageKey(generated.key, context.survey),
      title: generated.title,
      introMarkdown: generated.introMarkdown ?? '',
      isAboutYou: true,
    })
    for (const [position, question] of questions.entries()) {
      await builder.insertQuestion(context.trx, context.surveyId, pageId, question.key, position, {
        type: question.type,
        title: question.title,
        hint: question.hint ?? null,
        required: question.required,
        personalData: question.personalData ?? false,
        settings: question.settings ?? {},
        options: optionsOf({ type: question.type, options: question.options ?? [] }),
        statements: question.statements ?? [],
      })
    }
  }

  return {
    /** The survey as it stands (null before the first change), its response count and what stops it being answered. */
    async load(consultationId: number): Promise<{ survey: Survey | null; responseCount: number; problems: string[] }> {
      const survey = await surveys.findByConsultationId(consultationId)
      if (!survey) return { survey: null, responseCount: 0, problems: [] }
      return {
        survey,
        responseCount: await builder.responseCount(survey.id),
        problems: definitionProblems(toDefinition(survey)),
      }
    },

    saveSettings: (actor: Actor, consultationId: number, settings: SurveySettings) =>
      change(actor, consultationId, (context) => ({
        candidate: { ...toDefinition(context.survey), ...settings },
        write: async () => {
          await builder.updateSettings(context.trx, context.surveyId, settings)
          await switchAboutYou(context, settings.aboutYouEnabled)
        },
        audit: {
          action: 'survey.settings',
          entityType: 'survey',
          entityId: context.surveyId,
          before: {
            introMarkdown: context.survey.introMarkdown,
            estimatedMinutes: context.survey.estimatedMinutes,
            aboutYouEnabled: context.survey.aboutYouEnabled,
            publishResponses: context.survey.publishResponses,
          },
          after: { ...settings },
        },
      })),

    addPage: (actor: Actor, consultationId: number, fields: PageFields) =>
      change(actor, consultationId, (context) => {
        const key = newPageKey(fields.title, context.survey)
        const definition = toDefinition(context.survey)
        return {
          candidate: { ...definition, pages: orderPages([...definition.pages, { key, ...fields, questions: [] }]) },
          write: async () => {
            const id = await builder.insertPage(context.trx, context.surveyId, { key, ...fields })
            const order = orderPages([...context.survey.pages, { id, isAboutYou: false }]).map((page) => page.id)
            await builder.setPositions(context.trx, 'survey_pages', order)
            return id
          },
          audit: { action: 'survey.page.create', entityType: 'survey_page', after: { key, ...fields } },
        }
      }),

    editPage: (actor: Actor, consultationId: number, pageId: number, fields: PageFields) =>
      change(actor, consultationId, (context) => {
        const page = context.survey.pages.find((candidate) => candidate.id === pageId)
        if (!page) return null
        return {
          candidate: withPage(toDefinition(context.survey), page.key, (p) => ({ ...p, ...fields })),
          write: () => builder.updatePage(context.trx, pageId, fields),
          audit: {
            action: 'survey.page.update',
            entityType: 'survey_page',
            entityId: pageId,
            before: { title: page.title, introMarkdown: page.introMarkdown },
            after: { ...fields },
          },
        }
      }),

    movePage: (actor: Actor, consultationId: number, pageId: number, direction: Direction) =>
      change(actor, consultationId, (context) => {
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
            builder.setPositions(
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
      }),

    deletePage: (actor: Actor, consultationId: number, pageId: number) =>
      change(actor, consultationId, (context) => {
        const page = context.survey.pages.find((candidate) => candidate.id === pageId)
        if (!page) return null
        if (page.isAboutYou)
          return { error: 'Turn the About you page off in the survey settings instead of deleting it' }
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
            await builder.deleteRoutes(context.trx, { surveyId: context.surveyId, targetPageKey: page.key })
            await builder.deletePage(context.trx, pageId)
          },
          audit: {
            action: 'survey.page.delete',
            entityType: 'survey_page',
            entityId: pageId,
            before: { key: page.key, title: page.title, questions: page.questions.map((q) => q.title) },
          },
        }
      }),

    addQuestion: (actor: Actor, consultationId: number, pageId: number, asked: QuestionFields) =>
      change(actor, consultationId, (context) => {
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
            builder.insertQuestion(context.trx, context.surveyId, pageId, key, page.questions.length, fields),
          audit: {
            action: 'survey.question.create',
            entityType: 'survey_question',
            after: { key, page: page.key, ...questionSummary(fields) },
          },
        }
      }),

    editQuestion: (actor: Actor, consultationId: number, questionId: number, asked: QuestionFields) =>
      change(actor, consultationId, (context) => {
        const fields = withScale(asked)
        const found = findQuestion(context.survey, questionId)
        if (!found) return null
        const { page, question } = found
        const breaking = context.responseCount > 0 ? breakingQuestionChange(question, fields) : null
        if (breaking)
          return {
            field: breaking.field,
            error:
              `${breaking.message}, because ${responsesText(context.responseCount)}. ` +
              'You can still fix the wording.',
          }
        const offered = fields.options
          .map((option) => option.value)
          .concat(fields.settings.allowOther ? [OTHER_OPTION_VALUE] : [])
        const keepRoute = (route: PageRoute) =>
          route.questionKey !== question.key || offered.includes(route.optionValue)
        return {
          candidate: withPage(toDefinition(context.survey), page.key, (p) => ({
            ...p,
            questions: p.questions.map((q) => (q.key === question.key ? { key: q.key, ...fields } : q)),
            routes: (p.routes ?? []).filter(keepRoute),
          })),
          write: async () => {
            await builder.deleteRoutes(context.trx, { questionId, keepValues: offered })
            await builder.updateQuestion(context.trx, questionId, fields)
          },
          audit: {
            action: 'survey.question.update',
            entityType: 'survey_question',
            entityId: questionId,
            before: questionSummary(question),
            after: questionSummary(fields),
          },
        }
      }),

    moveQuestion: (actor: Actor, consultationId: number, questionId: number, direction: Direction) =>
      change(actor, consultationId, (context) => {
        const found = findQuestion(context.survey, questionId)
        if (!found) return null
        const order = moved(found.page.questions, found.page.questions.indexOf(found.question), direction)
        if (!order)
          return {
            error:
              `“${found.question.title}” is already the ` +
              `${direction === 'up' ? 'first' : 'last'} question on its page`,
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
            builder.setPositions(
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
      }),

    deleteQuestion: (actor: Actor, consultationId: number, questionId: number) =>
      change(actor, consultationId, (context) => {
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
          write: () => builder.deleteQuestion(context.trx, questionId),
          audit: {
            action: 'survey.question.delete',
            entityType: 'survey_question',
            entityId: questionId,
            before: { key: found.question.key, ...questionSummary(found.question) },
          },
        }
      }),

    /** Replaces the routes on one page; a route that goes back (and so could loop) is refused. */
    setRoutes: (actor: Actor, consultationId: number, pageId: number, routes: PageRoute[]) =>
      change(actor, consultationId, (context) => {
        const page = context.survey.pages.find((candidate) => candidate.id === pageId)
        if (!page) return null
        const idOf = new Map(page.questions.map((question) => [question.key, question.id]))
        return {
          candidate: withPage(toDefinition(context.survey), page.key, (p) => ({ ...p, routes })),
          write: () =>
            builder.replaceRoutes(
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
      }),
  }
}

export type SurveyBuilderService = ReturnType<typeof createSurveyBuilderService>
