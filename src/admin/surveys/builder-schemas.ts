import { z } from 'zod'
import { formText } from '../../shared/text'
import { optionsOf } from '../../surveys/answers'
import { OTHER_OPTION_VALUE, type PageRoute, type Survey, type SurveyPage } from '../../surveys/types'

const markdown = (name: string) =>
  formText('multi-line').trim().max(20_000, `${name} must be 20,000 characters or less`)

export const pageFormSchema = z.object({
  title: formText().trim().min(1, 'Enter a page title').max(200, 'The page title must be 200 characters or less'),
  introMarkdown: markdown('The introduction'),
})

export const settingsFormSchema = z.object({
  introMarkdown: markdown('The introduction'),
  estimatedMinutes: formText()
    .trim()
    .refine(
      (v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 240),
      'The time to complete must be a whole number of minutes from 1 to 240',
    )
    .transform((v) => (v === '' ? null : Number(v))),
  aboutYouEnabled: z
    .enum(['yes', 'no'], { error: 'Select yes if the survey should end with the About you page' })
    .transform((v) => v === 'yes'),
  /** Left unanswered, responses are not published. */
  publishResponses: z
    .enum(['yes', 'no', ''], {
      error: 'Select yes if residents should be asked whether their response may be published',
    })
    .transform((v) => v === 'yes'),
})

export const moveSchema = z.object({ direction: z.enum(['up', 'down']) })

export const confirmSchema = z.object({
  confirm: z.enum(['yes', 'no'], { error: 'Select yes if you want to delete it' }),
})

/** Strings from a urlencoded body, with anything else (arrays, missing) as empty. */
export const formStrings = (body: unknown, names: string[]): Record<string, string> => {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  return Object.fromEntries(names.map((name) => [name, typeof source[name] === 'string' ? source[name] : '']))
}

export const END_OF_SURVEY = '__end__'

/**
 * The answers a page's routes can start from: every option of its single-answer and multiple-answer choice
 * questions.
 */
export function routableAnswers(page: SurveyPage) {
  return page.questions
    .filter((question) =>
      ['single_choice', 'multiple_choice', 'dropdown', 'agreement', 'consent'].includes(question.type),
    )
    .flatMap((question) => {
      const options = optionsOf(question).map((option) => ({ ...option }))
      if (question.settings.allowOther && question.type !== 'agreement')
        options.push({ value: OTHER_OPTION_VALUE, label: question.settings.otherLabel ?? 'Other' })
      return options.map((option) => ({ question, option, field: `route-${question.key}-${option.value}` }))
    })
}

/** The routes form: each answer goes to the next page (blank), a named page, or the end. Unknown pages are errors. */
export function parseRoutesForm(
  survey: Survey,
  page: SurveyPage,
  body: unknown,
): { routes: PageRoute[]; values: Record<string, string>; errors: Record<string, string> } {
  const answers = routableAnswers(page)
  const values = formStrings(
    body,
    answers.map((answer) => answer.field),
  )
  const pageKeys = new Set(survey.pages.map((candidate) => candidate.key))
  const routes: PageRoute[] = []
  const errors: Record<string, string> = {}
  for (const { question, option, field } of answers) {
    const target = values[field] ?? ''
    if (target === '') continue
    if (target !== END_OF_SURVEY && !pageKeys.has(target)) errors[field] = `Choose where “${option.label}” goes`
    else
      routes.push({
        questionKey: question.key,
        optionValue: option.value,
        targetPageKey: target === END_OF_SURVEY ? null : target,
      })
  }
  return { routes, values, errors }
}
