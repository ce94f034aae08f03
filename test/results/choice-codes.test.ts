import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createSurveyBuilderRepository } from '../../src/admin/surveys/builder-repository'
import { migrateToLatest, undoLatestMigration } from '../../src/db/migrations'
import type { ConsultationSurvey } from '../../src/results/service'
import { createServices } from '../../src/services'
import { choiceCodesOf } from '../../src/surveys/choice-layout'
import { createChoiceLayoutRepository } from '../../src/surveys/choice-layout-repository'
import { OTHER_OPTION_VALUE } from '../../src/surveys/types'
import { useTestApp } from '../support/app'
import { addResponses, createSurveyFixture } from '../support/survey-fixtures'

const context = useTestApp()
const service = () => createServices(context.db).resultsService
const layouts = () => createChoiceLayoutRepository(context.db)

/** Each response's stored choice codes next to the codes its stored answers give. */
async function storedAndRecomputed() {
  const responses = await context.db('responses').orderBy('id').select('id', 'survey_id', 'choice_codes')
  const answers = await context
    .db('response_answers')
    .orderBy('id')
    .select('response_id', 'question_id', 'statement_key', 'option_value')
  const out: { stored: string[]; recomputed: (string | null)[] }[] = []
  for (const response of responses) {
    const layout = await layouts().layoutOf(response.survey_id)
    const own = answers
      .filter((answer) => Number(answer.response_id) === Number(response.id))
      .map((answer) => ({
        questionId: answer.question_id,
        statementKey: answer.statement_key,
        optionValue: answer.option_value,
      }))
    out.push({
      stored: (response.choice_codes as (string | number | null)[]).map((code) =>
        code === null ? null : String(code),
      ) as string[],
      recomputed: choiceCodesOf(layout, own),
    })
  }
  return out
}

describe('choice answers kept as codes beside each response', () => {
  let target: ConsultationSurvey
  const question = (key: string) => target.questions.find((numbered) => numbered.question.key === key)!.question

  before(async () => {
    await createSurveyFixture(context.db, {
      slug: 'fixture-choice-codes',
      responses: [
        {
          answers: {
            'use-parks': 'yes',
            'visit-for': ['walk', 'sport'],
            plan: 'agree',
            facilities: { toilets: 'agree', paths: 'disagree' },
            consent: 'yes',
          },
        },
        {
          answers: {
            'use-parks': { other: 'Only in summer' },
            'visit-for': { other: 'Birds', also: ['play'] },
            facilities: { paths: 'agree' },
          },
        },
        { answers: { area: 'south', visits: 3, comments: 'No choices here' } },
      ],
    })
    target = (await service().findSurvey('fixture-choice-codes'))!
  })

  it('stores the option chosen, a bit per option ticked, and each matrix statement in its own slot', async () => {
    const layout = target.layout.questions
    const slotOf = (key: string) => layout.get(question(key).id)!.slot!
    const codeOf = (key: string, value: string) => layout.get(question(key).id)!.codes[value]!
    const [first, second, third] = (await context
      .db('responses')
      .where({ consultation_id: target.consultation.id })
      .orderBy('id')
      .pluck('choice_codes')) as (string | null)[][]
    assert.equal(String(first![slotOf('use-parks') - 1]), String(codeOf('use-parks', 'yes')))
    assert.equal(
      String(first![slotOf('visit-for') - 1]),
      String((1 << codeOf('visit-for', 'walk')) | (1 << codeOf('visit-for', 'sport'))),
    )
    // "Other" is code 0: bit 0 of a checkbox question.
    assert.equal(String(second![slotOf('use-parks') - 1]), '0')
    assert.equal(String(second![slotOf('visit-for') - 1]), String(1 | (1 << codeOf('visit-for', 'play'))))
    const paths = layout.get(question('facilities').id)!.statementSlots.paths!
    assert.equal(String(second![paths - 1]), String(codeOf('facilities', 'agree')))
    assert.equal(second![layout.get(question('facilities').id)!.statementSlots.toilets! - 1] ?? null, null)
    assert.equal(third![slotOf('use-parks') - 1] ?? null, null)
  })

  it('counts matrix statements and "Other" from the codes', async () => {
    const facilities = (await service().questionResult(target, 'facilities', {}))!
    assert.ok(facilities.figures.kind === 'matrix')
    assert.equal(facilities.figures.answered, 2)
    const paths = facilities.figures.statements.find((statement) => statement.key === 'paths')!
    assert.deepEqual(
      [
        paths.answered,
        paths.options.find((option) => option.value === 'agree')!.count,
        paths.options.find((option) => option.value === 'disagree')!.count,
      ],
      [2, 1, 1],
    )
    const visitFor = (await service().questionResult(target, 'visit-for', {}))!
    assert.equal(visitFor.otherAnswered, 1)
    if (visitFor.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.deepEqual(Object.fromEntries(visitFor.figures.options.map((option) => [option.value, option.count])), {
      walk: 1,
      play: 1,
      sport: 1,
      [OTHER_OPTION_VALUE]: 1,
    })
    assert.equal(visitFor.figures.answered, 2)
    // One number answered: the median along the index is that number.
    const visits = (await service().questionResult(target, 'visits', {}))!
    assert.deepEqual(visits.figures, { kind: 'number', answered: 1, min: 3, median: 3, max: 3 })
  })

  it('keeps the codes of existing options when an officer adds one, and counts answers to the new one', async () => {
    const parks = question('use-parks')
    const before = { ...target.layout.questions.get(parks.id)!.codes }
    await context.db.transaction((trx) =>
      createSurveyBuilderRepository(context.db).updateQuestion(trx, parks.id, {
        ...parks,
        options: [{ value: 'sometimes', label: 'Sometimes' }, ...parks.options],
      }),
    )
    const refreshed = (await service().findSurvey('fixture-choice-codes'))!
    const after = refreshed.layout.questions.get(parks.id)!.codes
    assert.deepEqual({ yes: after.yes, no: after.no }, before)
    assert.ok(after.sometimes !== undefined && ![before.yes, before.no, 0].includes(after.sometimes))
    await addResponses(context.db, refreshed.survey, target.consultation.id, [
      { answers: { 'use-parks': 'sometimes' } },
      { answers: { 'use-parks': 'yes' } },
    ])
    const result = (await service().questionResult(refreshed, 'use-parks', {}))!
    if (result.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.deepEqual(Object.fromEntries(result.figures.options.map((option) => [option.value, option.count])), {
      sometimes: 1,
      yes: 2,
      no: 0,
      [OTHER_OPTION_VALUE]: 1,
    })
  })

  it('are filled in by the upgrade for responses stored before it, and the 2014 figures still come out', async () => {
    const beforeUpgrade = await storedAndRecomputed()
    assert.ok(beforeUpgrade.length > 115)
    assert.ok(beforeUpgrade.every(({ stored, recomputed }) => JSON.stringify(stored) === JSON.stringify(recomputed)))
    await undoLatestMigration(context.db)
    await migrateToLatest(context.db)
    const afterUpgrade = await storedAndRecomputed()
    assert.equal(afterUpgrade.length, beforeUpgrade.length)
    const differing = afterUpgrade.filter(
      ({ stored, recomputed }) => JSON.stringify(stored) !== JSON.stringify(recomputed),
    )
    assert.deepEqual(differing, [])
    const seeded = (await service().findSurvey('substance-misuse-services'))!
    const result = (await service().questionResult(seeded, 'prison-services', {}))!
    if (result.figures.kind !== 'choice') throw new Error('expected choice figures')
    assert.equal(result.respondents, 115)
    assert.equal(Math.round(result.figures.agreement!.agree.ofRespondents), 72)
  })
})
