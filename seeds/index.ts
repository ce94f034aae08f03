import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLock } from '../src/db/locks'
import { createConsultationRepository } from '../src/consultations/repository'
import { createServices } from '../src/services'
import { leicesterDrugStrategy2023 } from './data/leicester-drug-strategy-2023'
import { sampleConsultation } from './data/sample-consultation'
import { substanceMisuseServices2014 } from './data/substance-misuse-services-2014'
import { AUDIENCE_NAMES, TOPIC_NAMES, toTerms, wardTerms } from './data/taxonomy'

/**
 * Loads the seed data. It is safe to run again: taxonomy terms are upserted and each seeded
 * consultation replaces its earlier copy by slug, leaving officers' own consultations alone.
 */
export async function runSeeds(db: Knex, seededAt = new Date()): Promise<void> {
  const { taxonomies, consultationService } = createServices(db, { now: () => seededAt })
  await taxonomies.upsert('wards', wardTerms())
  await taxonomies.upsert('audiences', toTerms(AUDIENCE_NAMES))
  await taxonomies.upsert('topics', toTerms(TOPIC_NAMES))
  for (const consultation of [substanceMisuseServices2014, leicesterDrugStrategy2023, sampleConsultation(seededAt)]) {
    await consultationService.replaceConsultation(consultation)
  }
}

/** Seeds an empty database once, even when several instances start together. */
export async function seedIfEmpty(db: Knex): Promise<boolean> {
  return withAdvisoryLock(db, ADVISORY_LOCKS.seedEmptyDatabase, async (trx) => {
    if ((await createConsultationRepository(trx).countAll()) > 0) return false
    await runSeeds(trx)
    return true
  })
}
