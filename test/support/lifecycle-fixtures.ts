import type { Knex } from 'knex'
import type { NewConsultation } from '../../src/consultations/types'
import { createServices } from '../../src/services'

export const DAY = 24 * 60 * 60 * 1000

/** A published consultation (slug, title) open over the given instants, with nothing else. */
export function consultationBetween(slug: string, opensAt: Date, closesAt: Date): NewConsultation {
  return {
    slug,
    title: `Consultation ${slug}`,
    summary: 'A consultation made by a test.',
    opensAt,
    closesAt,
    publishedAt: new Date(opensAt.getTime() - DAY),
    contact: { name: null, email: null, phone: null, address: null },
    sections: [],
    links: [],
    termSlugs: { wards: [], audiences: [], topics: [] },
    feedback: null,
  }
}

/** Creates it through the service, as the seeds do, and gives its id. */
export const createConsultation = (db: Knex, consultation: NewConsultation): Promise<number> =>
  createServices(db).consultationService.replaceConsultation(consultation)
