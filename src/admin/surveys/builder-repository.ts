import type { Knex } from 'knex'
import { createChoiceLayoutRepository } from '../../surveys/choice-layout-repository'
import type { Question } from '../../surveys/types'
import { onlyRow } from '../../db/rows'
import { present } from '../../shared/present'

export interface PageFields {
  title: string
  introMarkdown: string
}

/** What an officer sets on a question: everything but its identity and place. */
export interface SurveySettings {
  introMarkdown: string
  estimatedMinutes: number | null
  aboutYouEnabled: boolean
  publishResponses: boolean
}

export type QuestionFields = Omit<Question, 'id' | 'key' | 'pageKey' | 'position'>

export interface StoredRoute {
  questionId: number
  optionValue: string
  targetPageKey: string | null
}

/** Replaces a question's choices or statements, keeping the rows (and so the stored answers) of those that stay. */
async function replaceChildren(
  trx: Knex,
  table: string,
  keyColumn: string,
  questionId: number,
  items: { key: string; label: string }[],
): Promise<void> {
  const keys = items.map((item) => item.key)
  await trx(table)
    .where({ question_id: questionId })
    .whereNotIn(keyColumn, keys.length > 0 ? keys : [''])
    .delete()
  for (const [position, item] of items.entries()) {
    const updated = await trx(table)
      .where({ question_id: questionId, [keyColumn]: item.key })
      .update({ label: item.label, position })
    if (!updated)
      await trx(table).insert({ question_id: questionId, [keyColumn]: item.key, label: item.label, position })
  }
}

/**
 * The survey builder's writes: one page, question or set of routes at a time, so stored answers keep their
 * question ids.
 */
export function createSurveyBuilderRepository(db: Knex) {
  const choiceLayouts = createChoiceLayoutRepository(db)
  return {
    /** The consultation's survey id, creating an empty survey the first time. */
    async ensureSurvey(trx: Knex, consultationId: number): Promise<number> {
      const existing = await trx('surveys')
        .where({ consultation_id: consultationId })
        .first<{ id: number } | undefined>('id')
      if (existing) return existing.id
      const rows = await trx('surveys').insert({ consultation_id: consultationId }).returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async responseCount(surveyId: number, trx: Knex = db): Promise<number> {
      const row = await trx('responses')
        .where({ survey_id: surveyId })
        .first<{ count: number } | undefined>(trx.raw('count(*)::int as count'))
      return row?.count ?? 0
    },

    async updateSettings(trx: Knex, surveyId: number, settings: SurveySettings): Promise<void> {
      await trx('surveys').where({ id: surveyId }).update({
        intro_markdown: settings.introMarkdown,
        estimated_minutes: settings.estimatedMinutes,
        about_you_enabled: settings.aboutYouEnabled,
        publish_responses: settings.publishResponses,
        updated_at: trx.fn.now(),
      })
    },

    async insertPage(
      trx: Knex,
      surveyId: number,
      page: PageFields & { key: string; isAboutYou?: boolean },
    ): Promise<number> {
      const rows = await trx('survey_pages')
        .insert({
          survey_id: surveyId,
          key: page.key,
          position: 10_000,
          title: page.title,
          intro_markdown: page.introMarkdown,
          is_about_you: page.isAboutYou ?? false,
        })
        .returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async updatePage(trx: Knex, pageId: number, page: PageFields): Promise<void> {
      await trx('survey_pages').where({ id: pageId }).update({ title: page.title, intro_markdown: page.introMarkdown })
    },

    async deletePage(trx: Knex, pageId: number): Promise<void> {
      await trx('survey_pages').where({ id: pageId }).delete()
    },

    /** Numbers pages or questions 0, 1, 2… in the order given. */
    async setPositions(trx: Knex, table: 'survey_pages' | 'survey_questions', orderedIds: number[]): Promise<void> {
      for (const [position, id] of orderedIds.entries()) await trx(table).where({ id }).update({ position })
    },

    async insertQuestion(
      trx: Knex,
      surveyId: number,
      pageId: number,
      key: string,
      position: number,
      question: QuestionFields,
    ): Promise<number> {
      const rows = await trx('survey_questions')
        .insert({
          survey_id: surveyId,
          page_id: pageId,
          key,
          position,
          type: question.type,
          title: question.title,
          hint: question.hint,
          required: question.required,
          personal_data: question.personalData,
          settings: JSON.stringify(question.settings),
        })
        .returning<{ id: number }[]>('id')
      const questionId = onlyRow(rows).id
      await replaceChildren(
        trx,
        'survey_question_options',
        'value',
        questionId,
        question.options.map((o) => ({ key: o.value, label: o.label })),
      )
      await replaceChildren(trx, 'survey_question_statements', 'key', questionId, question.statements)
      await choiceLayouts.assign(trx, surveyId)
      return questionId
    },

    async updateQuestion(trx: Knex, questionId: number, question: QuestionFields): Promise<void> {
      await trx('survey_questions')
        .where({ id: questionId })
        .update({
          type: question.type,
          title: question.title,
          hint: question.hint,
          required: question.required,
          personal_data: question.personalData,
          settings: JSON.stringify(question.settings),
        })
      await replaceChildren(
        trx,
        'survey_question_options',
        'value',
        questionId,
        question.options.map((o) => ({ key: o.value, label: o.label })),
      )
      await replaceChildren(trx, 'survey_question_statements', 'key', questionId, question.statements)
      const { survey_id: surveyId } = present(
        await trx('survey_questions').where({ id: questionId }).first<{ survey_id: number } | undefined>('survey_id'),
        `Survey question ${questionId}`,
      )
      await choiceLayouts.assign(trx, surveyId)
    },

    async deleteQuestion(trx: Knex, questionId: number): Promise<void> {
      await trx('survey_questions').where({ id: questionId }).delete()
    },

    /** Replaces the routes that start on a page. */
    async replaceRoutes(trx: Knex, pageId: number, routes: StoredRoute[]): Promise<void> {
      await trx('survey_routes').where({ page_id: pageId }).delete()
      if (routes.length === 0) return
      await trx('survey_routes').insert(
        routes.map((route) => ({
          page_id: pageId,
          question_id: route.questionId,
          option_value: route.optionValue,
          target_page_key: route.targetPageKey,
        })),
      )
    },

    /**
     * Removes routes that no longer make sense: to a page that is gone, or on an answer a question no longer
     * offers.
     */
    async deleteRoutes(
      trx: Knex,
      where: { targetPageKey?: string; surveyId: number } | { questionId: number; keepValues: string[] },
    ): Promise<void> {
      if ('questionId' in where) {
        await trx('survey_routes')
          .where({ question_id: where.questionId })
          .whereNotIn('option_value', where.keepValues.length > 0 ? where.keepValues : [''])
          .delete()
        return
      }
      await trx('survey_routes')
        .whereIn('page_id', trx('survey_pages').where({ survey_id: where.surveyId }).select('id'))
        .where({ target_page_key: where.targetPageKey })
        .delete()
    },
  }
}

export type SurveyBuilderRepository = ReturnType<typeof createSurveyBuilderRepository>
