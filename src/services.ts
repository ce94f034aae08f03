import type { Knex } from 'knex'
import { createFinderRepository } from './consultations/finder-repository'
import { createFinderService } from './consultations/finder-service'
import { createConsultationRepository } from './consultations/repository'
import { createConsultationService } from './consultations/service'
import { createTaxonomyRepository } from './taxonomies/repository'

export interface ServiceOptions {
  now?: () => Date
}

/** Wires repositories into services. Every write the app makes goes through one of these. */
export function createServices(db: Knex, { now = () => new Date() }: ServiceOptions = {}) {
  const consultations = createConsultationRepository(db)
  const taxonomies = createTaxonomyRepository(db)
  return {
    consultationService: createConsultationService({ db, consultations, now }),
    finderService: createFinderService({ finder: createFinderRepository(db), taxonomies, now }),
    taxonomies,
  }
}

export type Services = ReturnType<typeof createServices>
