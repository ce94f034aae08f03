import { finderQuerySchema, parseFinderQuery, type FinderQuery } from '../consultations/finder-schema'
import type { EventTime } from './service'

/** The finder's query with only the filters that events honour: areas, audiences and interests. */
export function eventQueryOf(raw: Record<string, unknown>): FinderQuery {
  const { query } = parseFinderQuery(raw)
  return {
    ...finderQuerySchema.parse({}),
    ward: query.ward,
    audience: query.audience,
    topic: query.topic,
    page: query.page,
  }
}

export const timeOf = (raw: Record<string, unknown>): EventTime => (raw.when === 'past' ? 'past' : 'upcoming')
