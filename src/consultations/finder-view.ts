import { formatLondonDate, startOfLondonDay } from '../shared/dates'
import { paginationFor } from '../shared/pagination'
import { DATE_FILTERS, type DateFilter, type FinderProblem, type FinderQuery } from './finder-schema'
import { type FinderResults, TAXONOMY_PARAMS } from './finder-service'
import { OUTCOME_FILTER_LABELS, OUTCOME_FILTERS } from './lifecycle'
import { CONSULTATION_STATUSES, TAXONOMIES, type Taxonomy, type Term } from './types'

/** The status filter's choices: "closed" takes in both kinds of closed consultation. */
export const STATUS_LABELS = { open: 'Open', forthcoming: 'Forthcoming', closed: 'Closed' } as const
export const TAXONOMY_LABELS: Record<Taxonomy, { singular: string; plural: string }> = {
  wards: { singular: 'Area', plural: 'Areas' },
  audiences: { singular: 'Audience', plural: 'Audiences' },
  topics: { singular: 'Interest', plural: 'Interests' },
}

/** The fields on the finder's form: only their problems are shown; others are ignored. */
const FORM_FIELDS = new Set(['q', ...Object.keys(DATE_FILTERS)])

type ParamValue = string | number | string[] | undefined

/** The finder's query as URL parameters, in a stable order, leaving out the page unless asked. */
export function finderParams(query: FinderQuery, page?: number): URLSearchParams {
  const params = new URLSearchParams()
  const entries: [string, ParamValue][] = [
    ['q', query.q],
    ['status', query.status],
    ['outcome', query.outcome],
    ['ward', query.ward],
    ['audience', query.audience],
    ['topic', query.topic],
    ...(Object.keys(DATE_FILTERS) as DateFilter[]).map((key): [string, ParamValue] => [key, query[key]]),
    ['page', page && page > 1 ? page : undefined],
  ]
  for (const [key, value] of entries) {
    for (const item of Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value])
      params.append(key, String(item))
  }
  return params
}

export const hrefWith = (path: string, params: URLSearchParams) => (params.size > 0 ? `${path}?${params}` : path)

export const finderHref = (query: FinderQuery, page?: number) => hrefWith('/consultations', finderParams(query, page))

/** The Atom feed of a finder query's consultations: the finder's query string, without its page. */
export const atomHref = (query: FinderQuery) =>
  hrefWith('/consultations.atom', finderParams({ ...query, page: undefined }))

export interface SelectedFilter {
  label: string
  value: string
  href: string
}

/** One removable tag per chosen filter value; each links to the same search (on the page `href` makes) without it. */
export function selectedFilters(
  query: FinderQuery,
  selectedTerms: Record<Taxonomy, Term[]>,
  href: (query: FinderQuery) => string = finderHref,
): SelectedFilter[] {
  const without = (change: Partial<FinderQuery>) => href({ ...query, ...change })
  const tags: SelectedFilter[] = []
  if (query.q) tags.push({ label: 'Search', value: query.q, href: without({ q: undefined }) })
  for (const status of query.status) {
    tags.push({
      label: 'Status',
      value: STATUS_LABELS[status],
      href: without({ status: query.status.filter((s) => s !== status) }),
    })
  }
  for (const outcome of query.outcome) {
    tags.push({
      label: 'Outcome',
      value: OUTCOME_FILTER_LABELS[outcome],
      href: without({ outcome: query.outcome.filter((o) => o !== outcome) }),
    })
  }
  for (const taxonomy of TAXONOMIES) {
    const param = TAXONOMY_PARAMS[taxonomy]
    for (const term of selectedTerms[taxonomy]) {
      tags.push({
        label: TAXONOMY_LABELS[taxonomy].singular,
        value: term.name,
        href: without({ [param]: query[param].filter((slug) => slug !== term.slug) }),
      })
    }
  }
  for (const [key, label] of Object.entries(DATE_FILTERS) as [DateFilter, string][]) {
    const date = query[key]
    if (date) tags.push({ label, value: formatLondonDate(startOfLondonDay(date)), href: without({ [key]: undefined }) })
  }
  return tags
}

const checkboxItems = (values: string[], options: { value: string; text: string }[]) =>
  options.map((option) => ({ ...option, checked: values.includes(option.value) }))

/** The area, audience and interest checkboxes, as the finder and the events page show them. */
export function termGroups(
  query: Pick<FinderQuery, 'ward' | 'audience' | 'topic'>,
  selectedTerms: Record<Taxonomy, Term[]>,
  terms: Record<Taxonomy, Term[]>,
  allAreasHint = 'Consultations about the whole city (All Areas) show under every area.',
) {
  return TAXONOMIES.map((taxonomy) => {
    const param = TAXONOMY_PARAMS[taxonomy]
    return {
      param,
      label: TAXONOMY_LABELS[taxonomy].plural,
      hint: taxonomy === 'wards' ? allAreasHint : undefined,
      chosen: selectedTerms[taxonomy].length,
      items: checkboxItems(
        query[param],
        terms[taxonomy].map((term) => ({ value: term.slug, text: term.name })),
      ),
    }
  })
}

/** Everything the finder page shows, from the parsed query and its results. */
export function finderPageModel(
  raw: Record<string, unknown>,
  query: FinderQuery,
  problems: FinderProblem[],
  results: FinderResults,
  terms: Record<Taxonomy, Term[]>,
) {
  const formProblems = problems.filter((problem) => FORM_FIELDS.has(problem.field))
  const errors = Object.fromEntries(formProblems.map((problem) => [problem.field, { text: problem.message }]))
  const typed = (key: string) => {
    const value = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key]
    return typeof value === 'string' ? value.slice(0, 300) : ''
  }
  return {
    query,
    results,
    errors,
    // Left out when empty: the layout prefixes the title with "Error:" whenever it is set.
    errorSummaryItems:
      formProblems.length > 0
        ? formProblems.map((problem) => ({ text: problem.message, href: `#${problem.field}` }))
        : undefined,
    values: {
      q: errors.q ? typed('q') : (query.q ?? ''),
      ...Object.fromEntries(Object.keys(DATE_FILTERS).map((key) => [key, typed(key)])),
    },
    statusItems: checkboxItems(
      query.status,
      CONSULTATION_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status] })),
    ),
    outcomeItems: checkboxItems(
      query.outcome,
      OUTCOME_FILTERS.map((outcome) => ({ value: outcome, text: OUTCOME_FILTER_LABELS[outcome] })),
    ),
    termGroups: termGroups(query, results.selectedTerms, terms),
    datesChosen: Object.keys(DATE_FILTERS).some((key) => typed(key) !== ''),
    selectedFilters: selectedFilters(query, results.selectedTerms),
    clearHref: '/consultations',
    pagination: paginationFor(results.page, results.totalPages, (page) => finderHref(query, page)),
    atomHref: atomHref(query),
  }
}
