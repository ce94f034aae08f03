import type { FinderQuery } from '../consultations/finder-schema'
import { finderParams, TAXONOMY_LABELS } from '../consultations/finder-view'
import { TAXONOMY_PARAMS } from '../consultations/finder-service'
import type { Taxonomy, Term } from '../consultations/types'
import { TAXONOMIES } from '../consultations/types'

/** What an alert watches: the finder's search and term filters, in the finder's own shape (no dates or status). */
export type AlertFilter = Pick<FinderQuery, 'q' | 'ward' | 'audience' | 'topic'>

export const alertFilterOf = (query: FinderQuery): AlertFilter => ({
  ...(query.q ? { q: query.q } : {}),
  ward: query.ward,
  audience: query.audience,
  topic: query.topic,
})

/** The filter as a query string, as the finder writes it. */
export const alertFilterParams = (filter: AlertFilter): URLSearchParams =>
  finderParams({ ...filter, status: [], outcome: [], page: undefined, pageSize: undefined })

/** The subscribe page for a finder page's filters; "" when no page offers email. */
export const alertsHref = (query: FinderQuery, enabled: boolean): string => {
  if (!enabled) return ''
  const params = alertFilterParams(alertFilterOf(query))
  return params.size > 0 ? `/alerts/new?${params}` : '/alerts/new'
}

/**
 * In words, for the pages and emails: "new consultations (area: Aylestone)". The confirmation email goes to
 * whatever address a visitor typed, so it says "matching a search" ('unquoted'): no one can send their own words
 * to a stranger in the council's name. Pages and emails to a confirmed address quote the search words.
 */
export function describeAlert(
  filter: AlertFilter,
  terms: Record<Taxonomy, Term[]>,
  searchWords: 'quoted' | 'unquoted' = 'quoted',
): string {
  const parts = TAXONOMIES.flatMap((taxonomy) => {
    const slugs = filter[TAXONOMY_PARAMS[taxonomy]]
    const names = terms[taxonomy].filter((term) => slugs.includes(term.slug)).map((term) => term.name)
    return names.length > 0 ? [`${TAXONOMY_LABELS[taxonomy].singular.toLowerCase()}: ${names.join(' or ')}`] : []
  })
  if (filter.q) parts.unshift(searchWords === 'quoted' ? `matching "${filter.q}"` : 'matching a search')
  return parts.length > 0 ? `new consultations (${parts.join('; ')})` : 'all new consultations'
}
