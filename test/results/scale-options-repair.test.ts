import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { Knex } from 'knex'
import { up as repairScaleOptions } from '../../migrations/20261203000000_scale_options'
import { createSurveyBuilderRepository } from '../../src/admin/surveys/builder-repository'
import type { QuestionFields } from '../../src/admin/surveys/builder-repository'
import { createResponseRepository } from '../../src/responses/repository'
import type { AnswerValue } from '../../src/responses/types'
import { createServices } from '../../src/services'
import { choiceCodesOf } from '../../src/surveys/choice-layout'
import { createChoiceLayoutRepository } from '../../src/surveys/choice-layout-repository'
import { createSurveyRepository } from '../../src/surveys/repository'
import { AGREEMENT_SCALE, type Survey } from '../../src/surveys/types'
import { useTestApp } from '../support/app'
import { createSurveyFixture } from '../support/survey-fixtures'

const context = useTestApp()
const service = () => createServices(context.db).resultsService
const SLUG = 'fixture-scale-repair'

/** Runs the upgrade as knex does, in a transaction of its own. */
const runRepair = () => context.db.transaction((trx) => repairScaleOptions(trx))

/** Everything the repair could change, to show it changes nothing when there is nothing to repair. */
async function storedState(db: Knex) {
  return {
    options: await db('survey_question_options')
      .orderBy('id')
      .select('id', 'question_id', 'value', 'label', 'position', 'code'),
    questions: await db('survey_questions').orderBy('id').select('id', 'choice_slot'),
    statements: await db('survey_question_statements').orderBy('id').select('id', 'choice_slot'),
    responses: (await db('responses').orderBy('id').select('id', 'choice_codes')).map((row) => ({
      id: row.id,
      codes: String(row.choice_codes),
    })),
    cache: await db('results_cache').orderBy(['consultation_id', 'cache_key']).select('consultation_id', 'cache_key'),
  }
}

/** Each response's stored choice codes next to the codes its stored answers give with the survey's layout now. */
async function storedAndRecomputed(surveyId: number) {
  const layout = await createChoiceLayoutRepository(context.db).layoutOf(surveyId)
  const responses = await context
    .db('responses')
    .where({ survey_id: surveyId })
    .orderBy('id')
    .select('id', 'choice_codes')
  const out: { stored: (string | null)[]; recomputed: (string | null)[] }[] = []
  for (const response of responses) {
    const answers = await context
      .db('response_answers')
      .where({ response_id: response.id })
      .orderBy('id')
      .select('question_id', 'statement_key', 'option_value')
    const own = answers.map((a) => ({
      questionId: a.question_id,
      statementKey: a.statement_key,
      optionValue: a.option_value,
    }))
    const stored = (response.choice_codes as (string | number | null)[]).map((code) =>
      code === null ? null : String(code),
    )
    out.push({ stored, recomputed: choiceCodesOf(layout, own) })
  }
  return out
}

const question = (fields: Partial<QuestionFields> & Pick<QuestionFields, 'type' | 'title'>): QuestionFields => ({
  hint: null,
  required: false,
  personalData: false,
  settings: {},
  options: [],
  statements: [],
  ...fields,
})

describe('the upgrade that stores the agreement scale of builder-built questions', () => {
  let consultationId: number
  let survey: Survey
  let plan: number
  let facilities: number
  // How the responses below answer: plan, the two statements, and the radios question alongside.
  const ANSWERS: { plan?: string; toilets?: string; paths?: string; parks?: string }[] = [
    { plan: 'agree', toilets: 'strongly_agree', paths: 'disagree', parks: 'yes' },
    { plan: 'agree', paths: 'dont_know' },
    { plan: 'strongly_disagree', toilets: 'agree', parks: 'no' },
    { parks: 'yes' },
  ]

  before(async () => {
    const fixture = await createSurveyFixture(context.db, {
      slug: SLUG,
      responses: [],
      survey: {
        introMarkdown: '',
        estimatedMinutes: null,
        aboutYouEnabled: false,
        pages: [
          {
            key: 'views',
            title: 'Your views',
            questions: [
              {
                key: 'parks',
                type: 'single_choice',
                title: 'Do you use the parks?',
                required: false,
                options: [
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ],
              },
            ],
          },
        ],
      },
    })
    consultationId = fixture.consultationId
    // As the builder stored them before it stored their scale: no options.
    const builder = createSurveyBuilderRepository(context.db)
    const pageId = fixture.survey.pages[0]!.id
    await context.db.transaction(async (trx) => {
      plan = await builder.insertQuestion(
        trx,
        fixture.survey.id,
        pageId,
        'plan',
        1,
        question({ type: 'agreement', title: 'Do you agree with the plan?' }),
      )
      facilities = await builder.insertQuestion(
        trx,
        fixture.survey.id,
        pageId,
        'facilities',
        2,
        question({
          type: 'matrix',
          title: 'Rate the facilities',
          statements: [
            { key: 'toilets', label: 'Toilets are clean' },
            { key: 'paths', label: 'Paths are safe' },
          ],
        }),
      )
    })
    survey = (await createSurveyRepository(context.db).findByConsultationId(consultationId))!
    const parks = survey.pages[0]!.questions.find((candidate) => candidate.key === 'parks')!.id
    const responses = createResponseRepository(context.db)
    for (const [index, answer] of ANSWERS.entries()) {
      const values: AnswerValue[] = [
        ...(answer.plan ? [{ questionId: plan, optionValue: answer.plan }] : []),
        ...(['toilets', 'paths'] as const).flatMap((key) =>
          answer[key] ? [{ questionId: facilities, statementKey: key, optionValue: answer[key] }] : [],
        ),
        ...(answer.parks ? [{ questionId: parks, optionValue: answer.parks }] : []),
      ]
      await context.db.transaction((trx) =>
        responses.insert(trx, {
          consultationId,
          surveyId: survey.id,
          reference: `ANON-SCALE${index}`,
          channel: 'online',
          answers: values,
        }),
      )
    }
  })

  it('changes nothing where every question has its options', async () => {
    const scale = (questionId: number) =>
      AGREEMENT_SCALE.map((option, position) => ({ question_id: questionId, ...option, position, code: position + 1 }))
    await context.db('survey_question_options').insert([...scale(plan), ...scale(facilities)])
    const before = await storedState(context.db)
    await runRepair()
    assert.deepEqual(await storedState(context.db), before)
    await context.db('survey_question_options').whereIn('question_id', [plan, facilities]).delete()
  })

  it('shows the bug it repairs: the answers are not counted', async () => {
    const target = (await service().findSurvey(SLUG))!
    const result = (await service().questionResult(target, 'plan', {}))!
    if (result.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.equal(result.figures.answered, 0)
  })

  it('stores the scale with codes, fills in the responses’ codes, and the results count them', async () => {
    await context
      .db('results_cache')
      .insert({ consultation_id: consultationId, cache_key: 'stale', responses_stamp: 'x', value: JSON.stringify({}) })
    await runRepair()
    for (const questionId of [plan, facilities]) {
      const options = await context
        .db('survey_question_options')
        .where({ question_id: questionId })
        .orderBy('position')
        .select('value', 'label', 'code')
      assert.deepEqual(
        options.map(({ value, label }) => ({ value, label })),
        AGREEMENT_SCALE.map(({ value, label }) => ({ value, label })),
      )
      assert.deepEqual(
        options.map((option) => option.code),
        AGREEMENT_SCALE.map((_, index) => index + 1),
      )
    }
    const codes = await storedAndRecomputed(survey.id)
    assert.equal(codes.length, ANSWERS.length)
    assert.deepEqual(
      codes.filter(({ stored, recomputed }) => JSON.stringify(stored) !== JSON.stringify(recomputed)),
      [],
    )
    assert.equal(
      await context.db('results_cache').where({ consultation_id: consultationId }).first('cache_key'),
      undefined,
    )

    const target = (await service().findSurvey(SLUG))!
    const countsOf = (rows: { value: string; count: number }[]) =>
      Object.fromEntries(rows.filter((row) => row.count > 0).map((row) => [row.value, row.count]))
    const tally = (values: (string | undefined)[]) => {
      const counts: Record<string, number> = {}
      for (const value of values) if (value) counts[value] = (counts[value] ?? 0) + 1
      return counts
    }
    const planResult = (await service().questionResult(target, 'plan', {}))!
    if (planResult.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.equal(planResult.figures.answered, ANSWERS.filter((answer) => answer.plan).length)
    assert.deepEqual(countsOf(planResult.figures.options), tally(ANSWERS.map((answer) => answer.plan)))
    const facilitiesResult = (await service().questionResult(target, 'facilities', {}))!
    if (facilitiesResult.figures.kind !== 'matrix') throw new Error('expected matrix figures')
    for (const statement of facilitiesResult.figures.statements) {
      const key = statement.key as 'toilets' | 'paths'
      assert.equal(statement.answered, ANSWERS.filter((answer) => answer[key]).length)
      assert.deepEqual(countsOf(statement.options), tally(ANSWERS.map((answer) => answer[key])))
    }
    const parksResult = (await service().questionResult(target, 'parks', {}))!
    if (parksResult.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.deepEqual(countsOf(parksResult.figures.options), tally(ANSWERS.map((answer) => answer.parks)))
  })

  it('changes nothing when run again', async () => {
    const before = await storedState(context.db)
    await runRepair()
    assert.deepEqual(await storedState(context.db), before)
  })
})
