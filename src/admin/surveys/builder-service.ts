import type { Knex } from 'knex'
import type { Actor, AuditService } from '../../audit/service'
import { aboutYouPage, consentQuestion } from '../../surveys/about-you'
import { optionsOf } from '../../surveys/answers'
import type { SurveyRepository } from '../../surveys/repository'
import { definitionProblems } from '../../surveys/routing'
import type { PageRoute, Survey } from '../../surveys/types'
import { listWardNames } from '../../surveys/ward-options-repository'
import { present } from '../../shared/present'
import type { PageFields, QuestionFields, SurveyBuilderRepository, SurveySettings } from './builder-repository'
import { addPagePlan, deletePagePlan, editPagePlan, movePagePlan, setRoutesPlan } from './builder-page-plans'
import type { ChangeContext, Direction, Plan } from './builder-plan'
import { addQuestionPlan, deleteQuestionPlan, editQuestionPlan, moveQuestionPlan } from './builder-question-plans'
import { CONSENT_PROBLEM, newPageKey, newQuestionKey, toDefinition } from './definition'

export type ChangeResult = { ok: true; id?: number } | { ok: false; error: string; field?: string }
export type { Direction }

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
      const responseCount = await builder.responseCount(surveyId, trx)
      const planned = await plan({ trx, builder, survey, surveyId, responseCount })
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
      change(actor, consultationId, (context) => addPagePlan(context, fields)),

    editPage: (actor: Actor, consultationId: number, pageId: number, fields: PageFields) =>
      change(actor, consultationId, (context) => editPagePlan(context, pageId, fields)),

    movePage: (actor: Actor, consultationId: number, pageId: number, direction: Direction) =>
      change(actor, consultationId, (context) => movePagePlan(context, pageId, direction)),

    deletePage: (actor: Actor, consultationId: number, pageId: number) =>
      change(actor, consultationId, (context) => deletePagePlan(context, pageId)),

    addQuestion: (actor: Actor, consultationId: number, pageId: number, asked: QuestionFields) =>
      change(actor, consultationId, (context) => addQuestionPlan(context, pageId, asked)),

    editQuestion: (actor: Actor, consultationId: number, questionId: number, asked: QuestionFields) =>
      change(actor, consultationId, (context) => editQuestionPlan(context, questionId, asked)),

    moveQuestion: (actor: Actor, consultationId: number, questionId: number, direction: Direction) =>
      change(actor, consultationId, (context) => moveQuestionPlan(context, questionId, direction)),

    deleteQuestion: (actor: Actor, consultationId: number, questionId: number) =>
      change(actor, consultationId, (context) => deleteQuestionPlan(context, questionId)),

    /** Replaces the routes on one page; a route that goes back (and so could loop) is refused. */
    setRoutes: (actor: Actor, consultationId: number, pageId: number, routes: PageRoute[]) =>
      change(actor, consultationId, (context) => setRoutesPlan(context, pageId, routes)),
  }
}

export type SurveyBuilderService = ReturnType<typeof createSurveyBuilderService>
