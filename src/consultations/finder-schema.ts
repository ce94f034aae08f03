import { DateTime } from 'luxon'
import { z } from 'zod'
import { SLUG_PATTERN } from '../shared/slug'
import { formText } from '../shared/text'
import { OUTCOME_FILTERS } from './lifecycle'
import { CONSULTATION_STATUSES } from './types'

export const MAX_SEARCH_LENGTH = 200
export const MAX_PAGE = 10_000
export const MAX_API_PAGE_SIZE = 100

/** The date filters, each with the words used for it in messages. */
export const DATE_FILTERS = {
  opens_from: 'Opening date from',
  opens_to: 'Opening date to',
  closes_from: 'Closing date from',
  closes_to: 'Closing date to',
} as const
export type DateFilter = keyof typeof DATE_FILTERS

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const firstValue = (value: unknown): unknown => {
  const first: unknown = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first.trim() === '' ? undefined : first
}

const searchText = z.preprocess(
  firstValue,
  formText()
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(MAX_SEARCH_LENGTH, `Search terms must be ${MAX_SEARCH_LENGTH} characters or fewer`))
    .optional(),
)

const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => asList(value).filter((entry) => entry !== ''),
    z.array(item).transform((items) => [...new Set(items)]),
  )

const slugList = (what: string) =>
  listOf(z.string().max(100, `${what} must be a known slug`).regex(SLUG_PATTERN, `${what} must be a known slug`))

/** Accepts 2023-06-05 (as links and the API use) and 5/6/2023 (as people type), giving 2023-06-05. */
export function parseCalendarDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  const british = /^(\d{1,2})[/\s.-]+(\d{1,2})[/\s.-]+(\d{4})$/.exec(text)
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : british ? [british[3], british[2], british[1]] : []
  if (!year || !month || !day) return null
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) })
  if (!date.isValid || date.year < 1900 || date.year > 2200) return null
  return date.toISODate()
}

const calendarDate = (label: string) =>
  z.preprocess(
    firstValue,
    z
      .string()
      .trim()
      .transform((text, ctx) => {
        const date = parseCalendarDate(text)
        if (date) return date
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 27/3/2023` })
        return z.NEVER
      })
      .optional(),
  )

const wholeNumber = (label: string, max: number) =>
  z.preprocess(
    firstValue,
    z.coerce
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(1, `${label} must be 1 or more`)
      .max(max, `${label} must be ${max} or less`)
      .optional(),
  )

/** The finder's query string, shared by the finder page, the taxonomy pages, the open-data API and the feed. */
export const finderQuerySchema = z
  .object({
    q: searchText,
    status: listOf(z.enum(CONSULTATION_STATUSES, { error: 'Status must be open, closed or forthcoming' })),
    outcome: listOf(z.enum(OUTCOME_FILTERS, { error: 'Outcome must be awaiting or published' })),
    ward: slugList('Area'),
    audience: slugList('Audience'),
    topic: slugList('Interest'),
    opens_from: calendarDate(DATE_FILTERS.opens_from),
    opens_to: calendarDate(DATE_FILTERS.opens_to),
    closes_from: calendarDate(DATE_FILTERS.closes_from),
    closes_to: calendarDate(DATE_FILTERS.closes_to),
    page: wholeNumber('Page', MAX_PAGE),
    pageSize: wholeNumber('Page size', MAX_API_PAGE_SIZE),
  })
  .superRefine((query, ctx) => {
    for (const [from, to] of [
      ['opens_from', 'opens_to'],
      ['closes_from', 'closes_to'],
    ] as const) {
      const start = query[from]
      const end = query[to]
      if (start && end && end < start) {
        ctx.addIssue({
          code: 'custom',
          path: [to],
          message: `${DATE_FILTERS[to]} must be the same as or after ${DATE_FILTERS[from].toLowerCase()}`,
        })
      }
    }
  })

export type FinderQuery = z.infer<typeof finderQuerySchema>
export type FinderField = keyof FinderQuery

export interface FinderProblem {
  field: FinderField
  message: string
}

/**
 * Parses what it can. A parameter that fails is left out of the query and reported as a problem,
 * so the caller can explain it (the API, the form's own fields) or ignore it (everything else).
 */
export function parseFinderQuery(raw: Record<string, unknown>): { query: FinderQuery; problems: FinderProblem[] } {
  const dropped = new Set<string>()
  const problems: FinderProblem[] = []
  for (;;) {
    const result = finderQuerySchema.safeParse(
      Object.fromEntries(Object.entries(raw).filter(([field]) => !dropped.has(field))),
    )
    if (result.success) return { query: result.data, problems }
    for (const issue of result.error.issues) {
      const field = issue.path[0] as FinderField | undefined
      if (field === undefined || !(field in raw)) return { query: finderQuerySchema.parse({}), problems }
      if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: issue.message })
      dropped.add(field)
    }
  }
}
