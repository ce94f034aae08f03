import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createServices } from '../../src/services'
import { useTestApp } from '../support/app'
import type { SurveyFixture } from '../support/survey-fixtures'
import { createPrivacyFixture } from './purge-fixture'

let clock = new Date('2026-02-01T00:00:00Z')
const now = () => clock
const context = useTestApp({ now })

describe('the personal-data purge, one consultation at a time', () => {
  let first: SurveyFixture
  let second: SurveyFixture
  const stateOf = async ({ consultationId }: SurveyFixture) => {
    const personal = await context
      .db('response_answers as a')
      .join('survey_questions as q', 'q.id', 'a.question_id')
      .join('responses as r', 'r.id', 'a.response_id')
      .where('r.consultation_id', consultationId)
      .whereIn('q.key', ['email', 'ward', 'age-band', 'organisation'])
      .count<{ count: string | number }[]>({ count: '*' })
      .first()
    const { personal_data_purged_at: purgedAt } = await context
      .db('consultations')
      .where({ id: consultationId })
      .first<{ personal_data_purged_at: Date | null }>('personal_data_purged_at')
    const audits = await context
      .db('audit_log')
      .where({ action: 'personal-data.purge', consultation_id: consultationId })
    const drafts = await context.db('survey_drafts').where({ consultation_id: consultationId })
    return {
      personalAnswers: Number(personal?.count),
      drafts: drafts.length,
      purged: purgedAt !== null,
      audits: audits.length,
    }
  }

  before(async () => {
    await context.ready
    first = await createPrivacyFixture(context.db, 'purge-failure-first')
    second = await createPrivacyFixture(context.db, 'purge-failure-second')
    assert.ok(first.consultationId < second.consultationId, 'the second is purged after the first')
    for (const { consultationId } of [first, second])
      await context.db('survey_drafts').insert({
        consultation_id: consultationId,
        token_hash: `purge-failure-draft-${consultationId}`,
        answers: JSON.stringify({ email: 'resident.three@example.org' }),
        expires_at: new Date('2024-03-01T00:00:00Z'),
      })
  })

  it('keeps the first purged when the second fails, leaves the second whole, and purges it next run', async () => {
    const { purgeService } = createServices(context.db, { now })
    // A fault in the database at the second consultation's last step, after its answers were deleted.
    await context.db.raw(`CREATE FUNCTION fail_purge() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected purge failure'; END $$`)
    await context.db.raw(`CREATE TRIGGER fail_purge BEFORE UPDATE OF personal_data_purged_at ON consultations
      FOR EACH ROW WHEN (NEW.slug = 'purge-failure-second') EXECUTE FUNCTION fail_purge()`)

    clock = new Date('2026-03-01T00:05:00Z')
    await assert.rejects(
      purgeService.runPurge(),
      new RegExp(`The personal-data purge failed for consultation ${second.consultationId};`),
    )
    assert.deepEqual(await stateOf(first), { personalAnswers: 0, drafts: 0, purged: true, audits: 1 })
    assert.deepEqual(await stateOf(second), { personalAnswers: 7, drafts: 1, purged: false, audits: 0 })

    await context.db.raw('DROP TRIGGER fail_purge ON consultations')
    await context.db.raw('DROP FUNCTION fail_purge()')
    const rerun = await purgeService.runPurge()
    assert.ok(rerun.ran)
    assert.deepEqual(
      rerun.purged.map(({ consultationId, answersDeleted }) => [consultationId, answersDeleted]),
      [[second.consultationId, 7]],
    )
    assert.deepEqual(await stateOf(first), { personalAnswers: 0, drafts: 0, purged: true, audits: 1 })
    assert.deepEqual(await stateOf(second), { personalAnswers: 0, drafts: 0, purged: true, audits: 1 })
  })
})
