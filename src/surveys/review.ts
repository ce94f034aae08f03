import type { AnswerValue } from '../responses/types'
import { answerLines, answerValues } from './answer-display'
import { isValid, validatePage } from './answer-schemas'
import { firstInputId } from './answers'
import { type CompletedPages, pathThrough } from './routing'
import type { Survey, SurveyPage } from './types'

export interface ReviewRow {
  title: string
  lines: string[]
  /** Where "Change" goes: the question's page, then back to check your answers. */
  pageKey: string
  fieldId: string
}

export interface ReviewSection {
  title: string
  rows: ReviewRow[]
}

export interface Review {
  path: SurveyPage[]
  /** The first page on the path that is unanswered or no longer valid; undefined when all are done. */
  incomplete?: SurveyPage
  sections: ReviewSection[]
  values: AnswerValue[]
}

/** Re-validates every page on the resident's path and lays the answers out for checking and storing. */
export function reviewAnswers(survey: Survey, completed: CompletedPages): Review {
  const path = pathThrough(survey, completed)
  const review: Review = { path, sections: [], values: [] }
  for (const page of path) {
    const fields = completed[page.key]
    const validation = fields ? validatePage(page, fields) : undefined
    if (!validation || !isValid(validation)) {
      review.incomplete ??= page
      continue
    }
    const rows = page.questions.map((question) => {
      const answer = validation.answers.get(question.key) ?? null
      review.values.push(...answerValues(question, answer))
      return {
        title: question.title,
        lines: answerLines(question, answer),
        pageKey: page.key,
        fieldId: firstInputId(question),
      }
    })
    review.sections.push({ title: page.title, rows })
  }
  return review
}
