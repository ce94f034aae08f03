import type { AnswerValue } from '../responses/types'
import type { ResponseRepository } from '../responses/repository'
import { storedAnswerLines } from './answer-display'
import type { SurveyRepository } from './repository'
import type { Survey } from './types'

interface CopySection {
  title: string
  rows: { title: string; lines: string[] }[]
}

/** The answers as plain text, one block a section title or question, as the check page lays them out. */
export function answersText(sections: CopySection[]): string {
  return sections
    .flatMap((section) => [
      section.title.toUpperCase(),
      ...section.rows.map((row) =>
        [row.title, ...(row.lines.length > 0 ? row.lines : ['Not answered']).map((line) => `  ${line}`)].join('\n'),
      ),
    ])
    .join('\n\n')
}

/** The pages a stored response answered, each question with its stored answer as lines. */
export function storedSections(survey: Survey, answers: AnswerValue[]): CopySection[] {
  return survey.pages
    .filter((page) => page.questions.some((question) => answers.some((value) => value.questionId === question.id)))
    .map((page) => ({
      title: page.title,
      rows: page.questions.map((question) => ({
        title: question.title,
        lines: storedAnswerLines(
          question,
          answers.filter((value) => value.questionId === question.id),
        ),
      })),
    }))
}

export interface AnswersCopyDeps {
  responses: ResponseRepository
  surveys: SurveyRepository
  baseUrl: string
}

/**
 * The content of an answers copy, read from the stored response when the outbox sends it, so the answers are
 * never in the job. Null once the response has been deleted: the job is then dropped without an email.
 */
export function answersCopyContent({ responses, surveys, baseUrl }: AnswersCopyDeps) {
  return async (fields: Record<string, string>): Promise<Record<string, string> | null> => {
    const stored = await responses.findForCopy(fields.reference ?? '')
    const survey = stored ? await surveys.findByConsultationId(stored.consultationId) : null
    if (!stored || !survey) return null
    return {
      ...fields,
      consultation_title: stored.title,
      consultation_url: `${baseUrl}/consultations/${stored.slug}`,
      answers: answersText(storedSections(survey, stored.answers)),
    }
  }
}
