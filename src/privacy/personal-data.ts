import type { Question, Survey } from '../surveys/types'

/**
 * Which answers are personal data: questions the officer marked as personal, every About you question,
 * every email address and the organisation a respondent names. These are left out of exports unless asked
 * for, and deleted once the consultation's retention period has passed.
 */
export function isPersonalQuestion(question: Question, onAboutYouPage: boolean): boolean {
  return (
    question.personalData ||
    onAboutYouPage ||
    question.type === 'email' ||
    question.settings.standard === 'organisation'
  )
}

export function personalQuestionsOf(survey: Survey): Question[] {
  return survey.pages.flatMap((page) =>
    page.questions.filter((question) => isPersonalQuestion(question, page.isAboutYou)),
  )
}

/** The ids of the survey's personal questions, for filtering its numbered questions. */
export const personalQuestionIds = (survey: Survey): Set<number> =>
  new Set(personalQuestionsOf(survey).map((question) => question.id))
