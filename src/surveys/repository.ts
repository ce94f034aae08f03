import type { Knex } from 'knex'
import { onlyRow } from '../db/rows'
import { present } from '../shared/present'
import { optionsOf } from './answers'
import { createChoiceLayoutRepository } from './choice-layout-repository'
import type { NewSurvey, PageRoute, Question, QuestionSettings, Survey, SurveyPage } from './types'

interface SurveyRow {
  id: number
  intro_markdown: string
  estimated_minutes: number | null
  about_you_enabled: boolean
  publish_responses: boolean
}
interface PageRow {
  id: number
  key: string
  position: number
  title: string
  intro_markdown: string
  is_about_you: boolean
}
interface QuestionRow {
  id: number
  page_id: number
  key: string
  position: number
  type: Question['type']
  title: string
  hint: string | null
  required: boolean
  personal_data: boolean
  settings: QuestionSettings | string
}
interface OptionRow {
  question_id: number
  value: string
  label: string
}
interface StatementRow {
  question_id: number
  key: string
  label: string
}
interface RouteRow {
  page_id: number
  question_key: string
  option_value: string
  target_page_key: string | null
}

const parseSettings = (settings: QuestionSettings | string): QuestionSettings =>
  typeof settings === 'string' ? (JSON.parse(settings) as QuestionSettings) : settings

export function createSurveyRepository(db: Knex) {
  const choiceLayouts = createChoiceLayoutRepository(db)
  return {
    async findByConsultationId(consultationId: number, trx: Knex = db): Promise<Survey | null> {
      const survey = await trx('surveys').where({ consultation_id: consultationId }).first<SurveyRow | undefined>()
      if (!survey) return null
      const pages = await trx('survey_pages').where({ survey_id: survey.id }).orderBy('position').select<PageRow[]>('*')
      const questions = await trx('survey_questions')
        .where({ survey_id: survey.id })
        .orderBy(['page_id', 'position'])
        .select<QuestionRow[]>('*')
      const questionIds = questions.map((question) => question.id)
      const [options, statements, routes] = await Promise.all([
        trx('survey_question_options')
          .whereIn('question_id', questionIds)
          .orderBy(['question_id', 'position'])
          .select<OptionRow[]>('question_id', 'value', 'label'),
        trx('survey_question_statements')
          .whereIn('question_id', questionIds)
          .orderBy(['question_id', 'position'])
          .select<StatementRow[]>('question_id', 'key', 'label'),
        trx('survey_routes')
          .join('survey_questions', 'survey_questions.id', 'survey_routes.question_id')
          .whereIn('survey_routes.question_id', questionIds)
          .orderBy('survey_routes.id')
          .select<RouteRow[]>(
            'survey_routes.page_id',
            'survey_questions.key as question_key',
            'survey_routes.option_value',
            'survey_routes.target_page_key',
          ),
      ])
      const pageKeyById = new Map(pages.map((page) => [page.id, page.key]))
      const toQuestion = (row: QuestionRow): Question => ({
        id: row.id,
        key: row.key,
        pageKey: present(pageKeyById.get(row.page_id), `The page of question ${row.key}`),
        position: row.position,
        type: row.type,
        title: row.title,
        hint: row.hint,
        required: row.required,
        personalData: row.personal_data,
        settings: parseSettings(row.settings),
        options: options
          .filter((option) => option.question_id === row.id)
          .map(({ value, label }) => ({ value, label })),
        statements: statements
          .filter((statement) => statement.question_id === row.id)
          .map(({ key, label }) => ({ key, label })),
      })
      const surveyPages: SurveyPage[] = pages.map((page) => ({
        id: page.id,
        key: page.key,
        position: page.position,
        title: page.title,
        introMarkdown: page.intro_markdown,
        isAboutYou: page.is_about_you,
        questions: questions.filter((question) => question.page_id === page.id).map(toQuestion),
        routes: routes
          .filter((route) => route.page_id === page.id)
          .map((route): PageRoute => ({
            questionKey: route.question_key,
            optionValue: route.option_value,
            targetPageKey: route.target_page_key,
          })),
      }))
      return {
        id: survey.id,
        consultationId,
        introMarkdown: survey.intro_markdown,
        estimatedMinutes: survey.estimated_minutes,
        aboutYouEnabled: survey.about_you_enabled,
        publishResponses: survey.publish_responses,
        pages: surveyPages,
      }
    },

    /** Inserts a whole survey definition in the caller's transaction and returns the survey id. */
    async insert(trx: Knex.Transaction, consultationId: number, survey: NewSurvey): Promise<number> {
      const surveyRows = await trx('surveys')
        .insert({
          consultation_id: consultationId,
          intro_markdown: survey.introMarkdown,
          estimated_minutes: survey.estimatedMinutes,
          about_you_enabled: survey.aboutYouEnabled,
          publish_responses: survey.publishResponses ?? false,
        })
        .returning<{ id: number }[]>('id')
      const surveyId = onlyRow(surveyRows).id
      const questionIdByKey = new Map<string, number>()
      const pageIds: number[] = []
      for (const [pagePosition, page] of survey.pages.entries()) {
        const pageRow = onlyRow(
          await trx('survey_pages')
            .insert({
              survey_id: surveyId,
              key: page.key,
              position: pagePosition,
              title: page.title,
              intro_markdown: page.introMarkdown ?? '',
              is_about_you: page.isAboutYou ?? false,
            })
            .returning<{ id: number }[]>('id'),
        )
        pageIds.push(pageRow.id)
        for (const [position, question] of page.questions.entries()) {
          const questionRow = onlyRow(
            await trx('survey_questions')
              .insert({
                survey_id: surveyId,
                page_id: pageRow.id,
                key: question.key,
                position,
                type: question.type,
                title: question.title,
                hint: question.hint ?? null,
                required: question.required,
                personal_data: question.personalData ?? false,
                settings: JSON.stringify(question.settings ?? {}),
              })
              .returning<{ id: number }[]>('id'),
          )
          const questionId = questionRow.id
          questionIdByKey.set(question.key, questionId)
          // Agreement and matrix questions keep their scale as options, so their answers get codes.
          const options = optionsOf({ type: question.type, options: question.options ?? [] })
          if (options.length > 0) {
            const rows = options.map(({ value, label }, position) => ({
              question_id: questionId,
              value,
              label,
              position,
            }))
            await trx('survey_question_options').insert(rows)
          }
          if (question.statements?.length) {
            await trx('survey_question_statements').insert(
              question.statements.map((statement, index) => ({
                question_id: questionId,
                key: statement.key,
                label: statement.label,
                position: index,
              })),
            )
          }
        }
      }
      for (const [index, page] of survey.pages.entries()) {
        for (const route of page.routes ?? []) {
          const questionId = questionIdByKey.get(route.questionKey)
          if (!questionId) throw new Error(`Route on page ${page.key} names unknown question ${route.questionKey}`)
          await trx('survey_routes').insert({
            page_id: pageIds[index],
            question_id: questionId,
            option_value: route.optionValue,
            target_page_key: route.targetPageKey,
          })
        }
      }
      await choiceLayouts.assign(trx, surveyId)
      return surveyId
    },

    async deleteByConsultationId(trx: Knex, consultationId: number): Promise<void> {
      await trx('surveys').where({ consultation_id: consultationId }).delete()
    },
  }
}

export type SurveyRepository = ReturnType<typeof createSurveyRepository>
