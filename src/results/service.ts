import { type ChoiceLayout, codeOf } from '../surveys/choice-layout'
import type { ChoiceLayoutRepository } from '../surveys/choice-layout-repository'
import type { SurveyRepository } from '../surveys/repository'
import { CHOICE_TYPES, type Question, type Survey, OTHER_OPTION_VALUE } from '../surveys/types'
import { buildCrossTab } from './cross-tab'
import { choiceFigures, optionsWithOther, statementFigures } from './figures'
import type { ResultsRepository } from './repository'
import { cachedResults } from './cache'
import type { ResultsCacheRepository } from './cache-repository'
import type {
  ChoiceQuestionRef,
  ConsultationRef,
  CrossTab,
  QuestionFigures,
  QuestionResult,
  ResultsFilter,
  TextAnswerPage,
} from './types'
import { startedEarly } from '../shared/promises'

export const TEXT_TYPES: readonly Question['type'][] = ['short_text', 'long_text', 'email', 'postcode']
export const TEXT_PAGE_SIZE = 20

export interface NumberedQuestion {
  number: number
  question: Question
}

/** Every question in survey order, numbered from 1 across pages, as the exports' headers number them. */
export function numberedQuestions(survey: Survey): NumberedQuestion[] {
  return survey.pages.flatMap((page) => page.questions).map((question, index) => ({ number: index + 1, question }))
}

/** Choice questions that can be cross-tabulated: one answer row per option, not per statement. */
export const canCrossTab = (question: Question): boolean =>
  CHOICE_TYPES.includes(question.type) && question.type !== 'matrix'

/** Where a choice question's answers are kept, for the choice counts; its options as the survey shows them now. */
export function choiceRefOf(target: ConsultationSurvey, question: Question): ChoiceQuestionRef {
  const layout = target.layout.questions.get(question.id)
  const codes: Record<string, number> = {}
  for (const { value } of optionsWithOther(question)) {
    const code = layout && codeOf(layout, value)
    if (code !== undefined) codes[value] = code
  }
  return {
    multiple: question.type === 'multiple_choice',
    slot: layout?.slot ?? null,
    statementSlots: layout?.statementSlots ?? {},
    codes,
  }
}

export interface ConsultationSurvey {
  consultation: ConsultationRef
  survey: Survey
  questions: NumberedQuestion[]
  layout: ChoiceLayout
}

export function createResultsService({
  results,
  surveys,
  choiceLayouts,
  cache,
}: {
  results: ResultsRepository
  surveys: SurveyRepository
  choiceLayouts: ChoiceLayoutRepository
  cache: ResultsCacheRepository
}) {
  /** The consultation's aggregates, computed once for each set of its responses. */
  const aggregatesOf = (target: ConsultationSurvey) => cachedResults(results, cache, target.consultation.id)

  /**
   * A question's figures; its queries run side by side, and `respondents` (shared by every question) is
   * awaited last.
   */
  async function figuresFor(
    results: ResultsRepository,
    target: ConsultationSurvey,
    question: Question,
    respondents: Promise<number>,
    filter: ResultsFilter,
  ): Promise<QuestionFigures> {
    if (CHOICE_TYPES.includes(question.type)) {
      const [rows, total] = await Promise.all([
        results.optionCounts(target.consultation.id, choiceRefOf(target, question), filter),
        respondents,
      ])
      const answered = rows.find((row) => row.statementKey === null && row.optionValue === null)?.count ?? 0
      if (question.type === 'matrix')
        return { kind: 'matrix', answered, statements: statementFigures(question, rows, total) }
      return {
        kind: 'choice',
        ...choiceFigures(
          question,
          rows.filter((row) => row.optionValue !== null),
          total,
          answered,
        ),
      }
    }
    if (question.type === 'number') return { kind: 'number', ...(await results.numberSummary(question.id, filter)) }
    if (question.type === 'date') return { kind: 'date', ...(await results.dateSummary(question.id, filter)) }
    return { kind: 'text', answered: await results.countAnswered(question.id, filter) }
  }

  async function resultFor(
    results: ResultsRepository,
    target: ConsultationSurvey,
    { number, question }: NumberedQuestion,
    respondents: Promise<number>,
    filter: ResultsFilter,
  ): Promise<QuestionResult> {
    const figures = await figuresFor(results, target, question, respondents, filter)
    const other =
      figures.kind === 'choice' ? figures.options.find((option) => option.value === OTHER_OPTION_VALUE) : undefined
    return { number, question, respondents: await respondents, figures, otherAnswered: other?.count ?? 0 }
  }

  async function surveyOf(consultation: ConsultationRef): Promise<ConsultationSurvey | null> {
    const survey = await surveys.findByConsultationId(consultation.id)
    return survey
      ? { consultation, survey, questions: numberedQuestions(survey), layout: await choiceLayouts.layoutOf(survey.id) }
      : null
  }

  return {
    async findSurvey(slug: string): Promise<ConsultationSurvey | null> {
      const consultation = await results.findConsultation(slug)
      return consultation ? surveyOf(consultation) : null
    },

    surveyOf,

    countRespondents: (target: ConsultationSurvey, filter: ResultsFilter) =>
      aggregatesOf(target).countRespondents(target.consultation.id, filter),

    async questionResult(
      target: ConsultationSurvey,
      questionKey: string,
      filter: ResultsFilter,
    ): Promise<QuestionResult | null> {
      const numbered = target.questions.find(({ question }) => question.key === questionKey)
      if (!numbered) return null
      const aggregates = aggregatesOf(target)
      return resultFor(
        aggregates,
        target,
        numbered,
        startedEarly(aggregates.countRespondents(target.consultation.id, filter)),
        filter,
      )
    },

    /** Every question's figures, one aggregate query (or two) per question. */
    async allResults(
      target: ConsultationSurvey,
      filter: ResultsFilter,
      which: (question: Question) => boolean = () => true,
    ): Promise<QuestionResult[]> {
      const aggregates = aggregatesOf(target)
      const respondents = startedEarly(aggregates.countRespondents(target.consultation.id, filter))
      const chosen = target.questions.filter(({ question }) => which(question))
      const out: QuestionResult[] = []
      for (const numbered of chosen) out.push(await resultFor(aggregates, target, numbered, respondents, filter))
      return out
    },

    /**
     * A page of text answers; `answered` (the question's figure, when it is a text question and nothing is
     * searched for) saves counting them again.
     */
    async textAnswers(
      question: Question,
      filter: ResultsFilter,
      { search, page, answered }: { search?: string; page: number; answered?: Promise<number> },
    ): Promise<TextAnswerPage> {
      const otherOnly = !TEXT_TYPES.includes(question.type)
      const knownTotal = !otherOnly && !search ? answered : undefined
      const { answers, total } = await results.textAnswers(question.id, filter, {
        search,
        offset: (page - 1) * TEXT_PAGE_SIZE,
        limit: TEXT_PAGE_SIZE,
        otherOnly,
        total: knownTotal,
      })
      return { answers, total, page, pageCount: Math.max(1, Math.ceil(total / TEXT_PAGE_SIZE)) }
    },

    async crossTab(
      target: ConsultationSurvey,
      rowQuestion: Question,
      columnQuestion: Question,
      filter: ResultsFilter,
    ): Promise<CrossTab> {
      return buildCrossTab(
        rowQuestion,
        columnQuestion,
        await aggregatesOf(target).crossTab(
          target.consultation.id,
          choiceRefOf(target, rowQuestion),
          choiceRefOf(target, columnQuestion),
          filter,
        ),
      )
    },
  }
}

export type ResultsService = ReturnType<typeof createResultsService>
