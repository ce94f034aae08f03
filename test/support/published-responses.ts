import type { Knex } from 'knex'

export const PUBLISHED_SLUG = 'substance-misuse-services'
export const PUBLISHED_REFERENCE = 'ANON-PUBXHED2'

/**
 * Switches publishing on for the 2014 consultation's survey and marks two of its seeded responses as their
 * residents might have chosen and an editor moderated them: one published with a name and a redaction, one
 * awaiting moderation.
 */
export async function publishSeededResponses(db: Knex): Promise<void> {
  const consultation = await db('consultations').where({ slug: PUBLISHED_SLUG }).first('id')
  await db('surveys').where({ consultation_id: consultation.id }).update({ publish_responses: true })
  const [published, awaiting] = await db('responses')
    .where({ consultation_id: consultation.id })
    .orderBy('id')
    .limit(2)
    .pluck('id')
  await db('responses').where({ id: published }).update({
    reference: PUBLISHED_REFERENCE,
    publishing_consent: 'with_name',
    published_name: 'A resident',
    moderation_status: 'approved',
  })
  await db('responses')
    .where({ id: awaiting })
    .update({ publishing_consent: 'without_name', moderation_status: 'awaiting' })
  const text = await db('response_answers').where({ response_id: published }).whereNot({ text_value: '' }).first()
  if (text)
    await db('response_answers')
      .where({ id: text.id })
      .update({ redacted_text: `[redacted] ${text.text_value}` })
}
