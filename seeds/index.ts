import type { Knex } from 'knex'
import { ADVISORY_LOCKS, withAdvisoryLock } from '../src/db/locks'
import { createConsultationRepository } from '../src/consultations/repository'
import { createServices } from '../src/services'
import { leicesterDrugStrategy2023 } from './data/leicester-drug-strategy-2023'
import { listWardNames } from '../src/surveys/ward-options-repository'
import { sampleConsultation } from './data/sample-consultation'
import { sampleEvents } from './data/sample-events'
import { sampleSurvey } from './data/sample-survey'
import { substanceMisuseResponses2014, substanceMisuseSurvey2014 } from './data/substance-misuse-survey-2014'
import { substanceMisuseServices2014 } from './data/substance-misuse-services-2014'
import { AUDIENCE_NAMES, TOPIC_NAMES, toTerms, wardTerms } from './data/taxonomy'
import { present } from '../src/shared/present'

/**
 * Loads the seed data. It is safe to run again: taxonomy terms are upserted and each seeded
 * consultation replaces its earlier copy by slug, leaving officers' own consultations alone.
 */
export async function runSeeds(db: Knex, seededAt = new Date()): Promise<void> {
  const { taxonomies, consultationService, surveyService, eventService } = createServices(db, { now: () => seededAt })
  await taxonomies.upsert('wards', wardTerms())
  await taxonomies.upsert('audiences', toTerms(AUDIENCE_NAMES))
  await taxonomies.upsert('topics', toTerms(TOPIC_NAMES))

  const substanceMisuseId = await consultationService.replaceConsultation(substanceMisuseServices2014)
  const survey2014 = await surveyService.replaceSurvey(substanceMisuseId, substanceMisuseSurvey2014)
  await surveyService.insertSampleResponses(
    substanceMisuseResponses2014(survey2014, substanceMisuseServices2014.opensAt, substanceMisuseServices2014.closesAt),
  )

  await publishSeededResults(
    db,
    substanceMisuseServices2014.slug,
    PUBLISHED_2014_QUESTIONS,
    present(substanceMisuseServices2014.feedback?.resultsUpdatedAt, 'The 2014 results date'),
  )

  await consultationService.replaceConsultation(leicesterDrugStrategy2023)

  const sampleId = await consultationService.replaceConsultation(sampleConsultation(seededAt))
  await surveyService.replaceSurvey(sampleId, sampleSurvey(await listWardNames(db)))
  for (const event of sampleEvents(seededAt)) await eventService.add(null, sampleId, event)
}

/** The 2014 questions whose results the council published, as the public page shows them. */
const PUBLISHED_2014_QUESTIONS = ['one-service', 'llr-service', 'prison-services', 'young-adults-service']

/** Publishes results as of the date the council did, so "Results updated" matches its page. */
async function publishSeededResults(db: Knex, slug: string, questionKeys: string[], publishedAt: Date): Promise<void> {
  const { resultsService, publishingService } = createServices(db, { now: () => publishedAt })
  const target = await resultsService.findSurvey(slug)
  if (!target) throw new Error(`No survey to publish results for: ${slug}`)
  await publishingService.publish(null, target, questionKeys)
}

/** Seeds an empty database once, even when several instances start together. */
export async function seedIfEmpty(db: Knex): Promise<boolean> {
  return withAdvisoryLock(db, ADVISORY_LOCKS.seedEmptyDatabase, async (trx) => {
    if ((await createConsultationRepository(trx).countAll()) > 0) return false
    await runSeeds(trx)
    return true
  })
}
