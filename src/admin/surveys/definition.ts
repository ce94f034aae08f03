import { slugify } from '../../shared/slug'
import { RESERVED_PAGE_KEYS } from '../../surveys/routing'
import type { NewSurvey, Survey } from '../../surveys/types'

export type DefinitionPage = NewSurvey['pages'][number]

/** A stored survey as a definition, so a proposed change can be checked before it is written. */
export function toDefinition(survey: Survey): NewSurvey {
  return {
    introMarkdown: survey.introMarkdown,
    estimatedMinutes: survey.estimatedMinutes,
    aboutYouEnabled: survey.aboutYouEnabled,
    publishResponses: survey.publishResponses,
    pages: survey.pages.map((page) => ({
      key: page.key,
      title: page.title,
      introMarkdown: page.introMarkdown,
      isAboutYou: page.isAboutYou,
      questions: page.questions.map((question) => ({
        key: question.key,
        type: question.type,
        title: question.title,
        hint: question.hint,
        required: question.required,
        personalData: question.personalData,
        settings: question.settings,
        options: question.options,
        statements: question.statements,
      })),
      routes: page.routes,
    })),
  }
}

/** Pages in the order residents meet them: the About you page always last. */
export function orderPages<T extends { isAboutYou?: boolean }>(pages: T[]): T[] {
  return [...pages.filter((page) => !page.isAboutYou), ...pages.filter((page) => page.isAboutYou)]
}

const RESERVED_QUESTION_KEYS = ['action']

/** A key made once from a title: web-address safe, short, and unused in this survey. */
export function uniqueKey(title: string, taken: Iterable<string>, fallback: string, reserved: string[] = []): string {
  const used = new Set([...taken, ...reserved])
  const base = slugify(title).slice(0, 40).replace(/-+$/, '') || fallback
  let key = base
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`
  return key
}

export const newPageKey = (title: string, survey: Survey | NewSurvey) =>
  uniqueKey(
    title,
    survey.pages.map((page) => page.key),
    'page',
    RESERVED_PAGE_KEYS,
  )

export const newQuestionKey = (title: string, survey: Survey | NewSurvey) =>
  uniqueKey(
    title,
    survey.pages.flatMap((page) => page.questions.map((question) => question.key)),
    'question',
    RESERVED_QUESTION_KEYS,
  )

/** "Once a week" → "once_a_week", unique among a question's values. */
export function optionValue(label: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
      .replace(/_+$/, '') || 'option'
  let value = base
  for (let n = 2; used.has(value); n++) value = `${base}_${n}`
  return value
}

export const CONSENT_PROBLEM = 'A survey that asks for personal data needs a consent question'
