import { SLUG_PATTERN } from '../shared/slug'
import { present } from '../shared/present'
import { type FieldValues, chosenValues } from './answers'
import { isPublishingPage } from './publishing'
import { CHOICE_TYPES, type NewSurvey, type Survey, type SurveyPage, OTHER_OPTION_VALUE } from './types'

/** Validated form fields of each page the resident has completed, by page key. */
export type CompletedPages = Record<string, FieldValues>

/** Page keys that name the journey's own steps, so a survey page cannot use them. */
export const RESERVED_PAGE_KEYS = ['check', 'confirmation', 'resume', 'saved', 'start', 'publishing']

/** Where a page's routes send the resident: a page key, null for the end, undefined for the next page. */
function routeTarget(page: SurveyPage, fields: FieldValues | undefined): string | null | undefined {
  if (!fields) return undefined
  for (const route of page.routes) {
    const question = page.questions.find((candidate) => candidate.key === route.questionKey)
    if (question && chosenValues(question, fields).includes(route.optionValue)) return route.targetPageKey
  }
  return undefined
}

/**
 * The pages this resident sees, in order, given their answers so far. Routes skip forward or end the
 * survey's own pages; the About you page, when switched on, comes after them, then the question of how
 * the response may be published.
 */
export function pathThrough(survey: Survey, completed: CompletedPages): SurveyPage[] {
  const pages = survey.pages.filter((page) => !page.isAboutYou && !isPublishingPage(page))
  const path: SurveyPage[] = []
  let index = 0
  while (index < pages.length) {
    const page = present(pages[index], `Page ${index} of the survey`)
    path.push(page)
    const target = routeTarget(page, completed[page.key])
    if (target === null) break
    const targetIndex = target === undefined ? -1 : pages.findIndex((candidate) => candidate.key === target)
    index = targetIndex > index ? targetIndex : index + 1
  }
  if (survey.aboutYouEnabled) path.push(...survey.pages.filter((page) => page.isAboutYou))
  path.push(...survey.pages.filter(isPublishingPage))
  return path
}

export function firstIncompletePage(path: SurveyPage[], completed: CompletedPages): SurveyPage | undefined {
  return path.find((page) => !completed[page.key])
}

export function neighboursOnPath(path: SurveyPage[], pageKey: string): { previous?: SurveyPage; next?: SurveyPage } {
  const index = path.findIndex((page) => page.key === pageKey)
  return { previous: index > 0 ? path[index - 1] : undefined, next: index >= 0 ? path[index + 1] : undefined }
}

/** The page every resident starts on: a survey with no pages of its own is a broken definition. */
export const firstPageOf = (survey: Survey): SurveyPage =>
  present(pathThrough(survey, {})[0], `The first page of survey ${survey.id}`)

/** Reasons a survey definition cannot be saved; routes may only go forward, so they cannot loop. */
export function definitionProblems(survey: NewSurvey): string[] {
  const problems: string[] = []
  const pageIndex = new Map(survey.pages.map((page, index) => [page.key, index]))
  const questionKeys = survey.pages.flatMap((page) => page.questions.map((question) => question.key))
  if (pageIndex.size !== survey.pages.length) problems.push('Page keys must be unique')
  if (new Set(questionKeys).size !== questionKeys.length) problems.push('Question keys must be unique')
  if (survey.pages.filter((page) => page.isAboutYou).length > 1)
    problems.push('A survey has at most one About you page')
  for (const [index, page] of survey.pages.entries()) {
    if (!SLUG_PATTERN.test(page.key) || RESERVED_PAGE_KEYS.includes(page.key))
      problems.push(`Page key "${page.key}" cannot be used in a web address`)
    for (const route of page.routes ?? []) {
      const question = page.questions.find((candidate) => candidate.key === route.questionKey)
      if (!question || !CHOICE_TYPES.includes(question.type)) {
        problems.push(`A route on page "${page.key}" must use a choice question on that page`)
        continue
      }
      const known =
        (question.options ?? []).some((option) => option.value === route.optionValue) ||
        (question.settings?.allowOther && route.optionValue === OTHER_OPTION_VALUE)
      if (!known)
        problems.push(`A route on page "${page.key}" uses an answer that question "${question.key}" does not offer`)
      if (route.targetPageKey === null) continue
      const target = pageIndex.get(route.targetPageKey)
      if (target === undefined) problems.push(`A route on page "${page.key}" goes to a page that does not exist`)
      else if (target <= index)
        problems.push(
          `A route on page "${page.key}" goes back to "${route.targetPageKey}": ` +
            'routes can only go forward, so a survey cannot loop',
        )
      else if (present(survey.pages[target], `Page ${target} of the survey`).isAboutYou)
        problems.push(`A route on page "${page.key}" cannot go to the About you page, which always comes last`)
    }
  }
  const asksPersonalData = survey.pages.some(
    (page) =>
      (page.isAboutYou === true && survey.aboutYouEnabled) || page.questions.some((question) => question.personalData),
  )
  const hasConsent = survey.pages.some((page) => page.questions.some((question) => question.type === 'consent'))
  if (asksPersonalData && !hasConsent) problems.push('A survey that asks for personal data needs a consent question')
  return problems
}
