import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runSeeds } from '../../seeds'
import { useTestApp } from '../support/app'

const context = useTestApp()

interface Figures2014 {
  key: string
  in_favour: number
  against: number
  respondents: number
}

/** Percentages of all respondents, rounded, computed from the stored answers only. */
async function figures2014() {
  const result = await context.db.raw<{ rows: Figures2014[] }>(`
    WITH sample AS (
      SELECT responses.id FROM responses JOIN consultations ON consultations.id = responses.consultation_id
      WHERE consultations.slug = 'substance-misuse-services' AND responses.is_sample
    )
    SELECT survey_questions.key,
           round(100.0 * count(*) FILTER (WHERE option_value IN ('agree', 'strongly_agree'))
                 / (SELECT count(*) FROM sample))::int AS in_favour,
           round(100.0 * count(*) FILTER (WHERE option_value IN ('disagree', 'strongly_disagree'))
                 / (SELECT count(*) FROM sample))::int AS against,
           (SELECT count(*) FROM sample)::int AS respondents
    FROM response_answers
    JOIN survey_questions ON survey_questions.id = response_answers.question_id
    WHERE response_answers.response_id IN (SELECT id FROM sample) AND survey_questions.type = 'agreement'
    GROUP BY survey_questions.key ORDER BY survey_questions.key`)
  return Object.fromEntries(result.rows.map((row) => [row.key, row]))
}

describe('the 2014 Substance misuse services survey', () => {
  it('reproduces the published figures from its 115 stored sample responses', async () => {
    const figures = await figures2014()
    console.log('2014 figures from stored answers:', JSON.stringify(figures))
    assert.equal(figures['prison-services']!.respondents, 115)
    assert.equal(figures['prison-services']!.in_favour, 72)
    assert.equal(figures['llr-service']!.in_favour, 49)
    assert.equal(figures['llr-service']!.against, 37)
    assert.equal(figures['one-service']!.in_favour, 42)
    assert.equal(figures['one-service']!.against, 52)
    assert.ok(figures['young-adults-service']!.in_favour > 50)
  })

  it('has the six areas as questions and a few free-text comments', async () => {
    const questions = await context
      .db('survey_questions')
      .join('surveys', 'surveys.id', 'survey_questions.survey_id')
      .join('consultations', 'consultations.id', 'surveys.consultation_id')
      .where('consultations.slug', 'substance-misuse-services')
      .orderBy(['survey_questions.page_id', 'survey_questions.position'])
      .pluck('survey_questions.key')
    assert.deepEqual(questions, [
      'one-service',
      'llr-service',
      'prison-services',
      'young-adults-service',
      'new-drugs',
      'diverse-population',
      'other-comments',
    ])
    const comments = await context
      .db('response_answers')
      .whereNotNull('text_value')
      .join('responses', 'responses.id', 'response_answers.response_id')
      .where('responses.is_sample', true)
      .count<{ count: string | number }[]>({ count: '*' })
      .first()
    assert.ok(Number(comments!.count) >= 3 && Number(comments!.count) < 30)
  })

  it('is replaced, not duplicated, when the seeds run again, with the same answers', async () => {
    const snapshot = () =>
      context
        .db('responses')
        .join('consultations', 'consultations.id', 'responses.consultation_id')
        .where('consultations.slug', 'substance-misuse-services')
        .orderBy('reference')
        .pluck('reference')
    const before = await snapshot()
    await runSeeds(context.db)
    assert.deepEqual(await snapshot(), before, 'deterministic references')
    assert.deepEqual((await figures2014())['llr-service']!.in_favour, 49)
  })
})

describe('the sample survey', () => {
  it('uses every question type, routing and the About you page', async () => {
    const survey = context
      .db('surveys')
      .join('consultations', 'consultations.id', 'surveys.consultation_id')
      .where('consultations.slug', 'sample-consultation-parks-and-green-spaces')
    const { id, about_you_enabled: aboutYou } = await survey.first('surveys.id', 'surveys.about_you_enabled')
    assert.equal(aboutYou, true)
    const types = await context.db('survey_questions').where({ survey_id: id }).distinct().pluck('type')
    assert.deepEqual(types.sort(), [
      'agreement',
      'consent',
      'date',
      'dropdown',
      'email',
      'long_text',
      'matrix',
      'multiple_choice',
      'number',
      'postcode',
      'short_text',
      'single_choice',
    ])
    const routes = await context
      .db('survey_routes')
      .join('survey_pages', 'survey_pages.id', 'survey_routes.page_id')
      .where('survey_pages.survey_id', id)
      .count<{ count: string | number }[]>({ count: '*' })
      .first()
    assert.equal(Number(routes!.count), 2)
    const rows = await context
      .db('survey_questions')
      .where({ survey_id: id })
      .select(context.db.raw("settings->>'standard' AS standard"))
    const standards = rows.map((row: { standard: string | null }) => row.standard)
    for (const standard of [
      'age_band',
      'sex',
      'gender_identity',
      'ethnic_group',
      'disability',
      'religion',
      'sexual_orientation',
      'ward',
      'respondent_type',
      'organisation',
      'consent',
    ]) {
      assert.ok(standards.includes(standard), standard)
    }
    const ward = await context
      .db('survey_question_options')
      .join('survey_questions', 'survey_questions.id', 'survey_question_options.question_id')
      .where({ 'survey_questions.survey_id': id, 'survey_questions.key': 'ward' })
      .pluck('label')
    assert.ok(ward.includes('Castle') && ward.includes('Prefer not to say') && !ward.includes('All Areas'))
  })
})
