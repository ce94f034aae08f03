import type { Knex } from 'knex'
import { createConsultationRepository } from './consultations/repository'
import { createConsultationService } from './consultations/service'
import { createResponseRepository } from './responses/repository'
import { createDraftRepository } from './surveys/drafts-repository'
import { createSurveyRepository } from './surveys/repository'
import { createSurveyService } from './surveys/service'
import { createTaxonomyRepository } from './taxonomies/repository'

export interface ServiceOptions {
  now?: () => Date
}

/** Wires repositories into services. Every write the app makes goes through one of these. */
export function createServices(db: Knex, { now = () => new Date() }: ServiceOptions = {}) {
  const consultations = createConsultationRepository(db)
  const taxonomies = createTaxonomyRepository(db)
  const surveys = createSurveyRepository(db)
  const responses = createResponseRepository(db)
  const drafts = createDraftRepository(db)
  return {
    consultationService: createConsultationService({ db, consultations, now }),
    surveyService: createSurveyService({ db, consultations, surveys, responses, drafts, now }),
    taxonomies,
  }
}

export type Services = ReturnType<typeof createServices>
