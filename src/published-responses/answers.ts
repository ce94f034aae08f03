import { storedAnswer } from '../admin/responses/stored-answers'
import { answerLines } from '../surveys/answer-display'
import type { Question, Survey } from '../surveys/types'
import type { ModeratedAnswerRow } from './repository'

export const REDACTED = '[redacted]'

/** Never published, whatever the resident chose: contact details and the consent tick. */
const NEVER_PUBLISHED_TYPES = new Set(['email', 'postcode', 'consent'])

/** The questions whose answers may be published: not personal, not About you. */
export const publishedQuestions = (survey: Survey): Question[] =>
  survey.pages
    .filter((page) => !page.isAboutYou)
    .flatMap((page) => page.questions)
    .filter((question) => !question.personalData && !NEVER_PUBLISHED_TYPES.has(question.type))

export interface AnswerLines {
  question: Question
  lines: string[]
}

/** One response's answers as lines of text: as the public sees them (redacted), or as the resident wrote them. */
export function linesOf(
  questions: Question[],
  rows: ModeratedAnswerRow[],
  version: 'published' | 'original',
): AnswerLines[] {
  return questions.flatMap((question) => {
    const own = rows
      .filter((row) => row.questionId === question.id)
      .map((row) => (version === 'published' ? { ...row, textValue: row.redactedText ?? row.textValue } : row))
    const lines = answerLines(question, storedAnswer(question, own))
    return lines.length > 0 ? [{ question, lines }] : []
  })
}

/** The text with every occurrence of `part` replaced by "[redacted]"; null when it does not occur. */
export function redacted(text: string, part: string): string | null {
  return part && text.includes(part) ? text.split(part).join(REDACTED) : null
}
