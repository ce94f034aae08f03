import type { Knex } from 'knex'
import { addLondonDays, startOfLondonDay } from '../shared/dates'
import type { ResultsFilter } from './types'

/** Instants bounding the filter's London calendar days: [from 00:00, day after `to` 00:00). */
export function filterInstants(filter: ResultsFilter): { from?: Date; before?: Date } {
  return {
    from: filter.from ? startOfLondonDay(filter.from) : undefined,
    before: filter.to ? startOfLondonDay(addLondonDays(startOfLondonDay(filter.to), 1)) : undefined,
  }
}

/** Restricts a query over `responses` (aliased) to the filter's date range and channel. */
export function applyResponseFilter(query: Knex.QueryBuilder, filter: ResultsFilter, alias = 'r'): Knex.QueryBuilder {
  const { from, before } = filterInstants(filter)
  if (from) query.where(`${alias}.submitted_at`, '>=', from)
  if (before) query.where(`${alias}.submitted_at`, '<', before)
  if (filter.channel) query.where(`${alias}.channel`, filter.channel)
  return query
}

export { hasFilter } from '../responses/filter'
