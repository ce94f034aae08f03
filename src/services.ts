import type { Knex } from 'knex'
import { createConsultationRepository } from './consultations/repository'
import { createConsultationService } from './consultations/service'
import { createCodingRepository } from './coding/repository'
import { createCodingService } from './coding/service'
import { createExportRepository } from './exports/repository'
import { createExportService } from './exports/service'
import { createPublishingRepository } from './results/publishing-repository'
import { createPublishingService } from './results/publishing'
import { createResultsRepository } from './results/repository'
import { createResultsService } from './results/service'
import { createSurveyRepository } from './surveys/repository'
import { createTaxonomyRepository } from './taxonomies/repository'

export interface ServiceOptions {
  now?: () => Date
}

/** Wires repositories into services. Every write the app makes goes through one of these. */
export function createServices(db: Knex, { now = () => new Date() }: ServiceOptions = {}) {
  const consultations = createConsultationRepository(db)
  const taxonomies = createTaxonomyRepository(db)
  const surveys = createSurveyRepository(db)
  const resultsService = createResultsService({ results: createResultsRepository(db), surveys })
  return {
    consultationService: createConsultationService({ db, consultations, now }),
    resultsService,
    exportService: createExportService({ exports: createExportRepository(db) }),
    now,
    codingService: createCodingService({ coding: createCodingRepository(db) }),
    publishingService: createPublishingService({ publishing: createPublishingRepository(db), resultsService, now }),
    taxonomies,
  }
}

export type Services = ReturnType<typeof createServices>
