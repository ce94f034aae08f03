import { DateTime } from 'luxon'
import type { TaxonomyRepository } from '../taxonomies/repository'
import { COUNCIL_TIME_ZONE, startOfLondonDay } from '../shared/dates'
import type { FinderQuery } from './finder-schema'
import type { FinderOrder, FinderRepository, FoundConsultation } from './finder-repository'
import type { Taxonomy, Term } from './types'
import { TAXONOMIES } from './types'
import { present } from '../shared/present'

/** The query-string parameter that filters each taxonomy. */
export const TAXONOMY_PARAMS: Record<Taxonomy, 'ward' | 'audience' | 'topic'> = {
  wards: 'ward',
  audiences: 'audience',
  topics: 'topic',
}

export interface FinderServiceDeps {
  finder: FinderRepository
  taxonomies: TaxonomyRepository
  now: () => Date
}

export interface FindOptions {
  pageSize: number
  order?: FinderOrder
}

export interface FinderResults {
  consultations: (FoundConsultation & { terms: Record<Taxonomy, Term[]> })[]
  total: number
  page: number
  pageSize: number
  totalPages: number
  /** The chosen terms that exist, with their names, for the selected-filter tags. */
  selectedTerms: Record<Taxonomy, Term[]>
  /** Chosen slugs that name no term: left out of the search. */
  unknownSlugs: Record<Taxonomy, string[]>
}

const startOfNextLondonDay = (isoDate: string): Date =>
  DateTime.fromISO(isoDate, { zone: COUNCIL_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate()

export function createFinderService({ finder, taxonomies, now }: FinderServiceDeps) {
  async function resolveTerms(query: Pick<FinderQuery, 'ward' | 'audience' | 'topic'>) {
    const entries = await Promise.all(
      TAXONOMIES.map(async (taxonomy) => {
        const slugs = query[TAXONOMY_PARAMS[taxonomy]]
        const terms = await finder.findTerms(taxonomy, slugs)
        const unknown = slugs.filter((slug) => !terms.some((term) => term.slug === slug))
        return [taxonomy, { terms, unknown }] as const
      }),
    )
    const resolved = Object.fromEntries(entries) as Record<Taxonomy, { terms: Term[]; unknown: string[] }>
    return {
      selectedTerms: {
        wards: resolved.wards.terms,
        audiences: resolved.audiences.terms,
        topics: resolved.topics.terms,
      },
      unknownSlugs: {
        wards: resolved.wards.unknown,
        audiences: resolved.audiences.unknown,
        topics: resolved.topics.unknown,
      },
    }
  }

  return {
    /** The chosen term slugs that name terms (with their names), and those that name none. */
    resolveTerms,

    /** Runs the finder's query. Unknown term slugs are left out rather than matching nothing. */
    async find(query: FinderQuery, { pageSize, order }: FindOptions): Promise<FinderResults> {
      const at = now()
      const { selectedTerms, unknownSlugs } = await resolveTerms(query)
      const page = query.page ?? 1
      const slugsOf = (taxonomy: Taxonomy) => selectedTerms[taxonomy].map((term) => term.slug)
      const { consultations, total } = await finder.find(
        {
          search: query.q === undefined || query.q === '' ? null : query.q,
          statuses: query.status,
          outcomes: query.outcome,
          termSlugs: { wards: slugsOf('wards'), audiences: slugsOf('audiences'), topics: slugsOf('topics') },
          opensOnOrAfter: query.opens_from ? startOfLondonDay(query.opens_from) : null,
          opensBefore: query.opens_to ? startOfNextLondonDay(query.opens_to) : null,
          closesOnOrAfter: query.closes_from ? startOfLondonDay(query.closes_from) : null,
          closesBefore: query.closes_to ? startOfNextLondonDay(query.closes_to) : null,
        },
        { limit: pageSize, offset: (page - 1) * pageSize, order: order ?? (query.q ? 'relevance' : 'status') },
        at,
      )
      const terms = await finder.termsForConsultations(consultations.map((consultation) => consultation.id))
      return {
        consultations: consultations.map((consultation) => ({
          ...consultation,
          terms: present(terms.get(consultation.id), `Consultation ${consultation.id}'s terms`),
        })),
        total,
        page,
        pageSize,
        totalPages: Math.max(1, Math.ceil(total / pageSize)),
        selectedTerms,
        unknownSlugs,
      }
    },

    /** Every current term, for the finder's checkboxes. */
    async listTerms(): Promise<Record<Taxonomy, Term[]>> {
      const [wards, audiences, topics] = await Promise.all([
        taxonomies.list('wards'),
        taxonomies.list('audiences'),
        taxonomies.list('topics'),
      ])
      return { wards, audiences, topics }
    },

    async listTermsWithCounts(taxonomy: Taxonomy) {
      return finder.listTermsWithCounts(taxonomy, now())
    },

    async findTerm(taxonomy: Taxonomy, slug: string) {
      return finder.findTerm(taxonomy, slug)
    },

    async listFeedback(page: number, pageSize: number) {
      const { items, total } = await finder.listFeedback(now(), pageSize, (page - 1) * pageSize)
      return { items, total, page, pageSize, totalPages: Math.max(1, Math.ceil(total / pageSize)) }
    },
  }
}

export type FinderService = ReturnType<typeof createFinderService>
