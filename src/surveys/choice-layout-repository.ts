import type { Knex } from 'knex'
import { CHOICE_TYPES } from './types'
import type { ChoiceLayout, QuestionLayout } from './choice-layout'

interface SlotRow {
  question_id: number
  type: string
  question_slot: number | null
  statement_key: string | null
  statement_slot: number | null
}
interface CodeRow {
  question_id: number
  value: string
  code: number | null
}

/** The smallest numbers from `first` that are not in `used`, one for each of `count`. */
function unusedNumbers(used: Iterable<number>, count: number, first: number): number[] {
  const taken = new Set(used)
  const numbers: number[] = []
  for (let candidate = first; numbers.length < count; candidate++) if (!taken.has(candidate)) numbers.push(candidate)
  return numbers
}

/**
 * Where each choice answer goes in responses.choice_codes (see choice-layout.ts). Slots and codes are
 * given once and never changed; the builder refuses to delete a question or option that has answers,
 * so a number is only ever given again when nothing was stored under it.
 */
export function createChoiceLayoutRepository(db: Knex) {
  async function slotRows(trx: Knex, surveyId: number): Promise<SlotRow[]> {
    return trx('survey_questions as q')
      .leftJoin('survey_question_statements as s', 's.question_id', 'q.id')
      .where('q.survey_id', surveyId)
      .whereIn('q.type', CHOICE_TYPES)
      .orderBy(['q.id', 's.position'])
      .select(
        'q.id as question_id',
        'q.type',
        'q.choice_slot as question_slot',
        's.key as statement_key',
        's.choice_slot as statement_slot',
      )
  }

  async function codeRows(trx: Knex, surveyId: number): Promise<CodeRow[]> {
    return trx('survey_question_options as o')
      .join('survey_questions as q', 'q.id', 'o.question_id')
      .where('q.survey_id', surveyId)
      .orderBy(['o.question_id', 'o.position'])
      .select('o.question_id', 'o.value', 'o.code')
  }

  return {
    /** Gives a slot to each new choice question (or matrix statement) of the survey and a code to each new option. */
    async assign(trx: Knex, surveyId: number): Promise<void> {
      // One writer at a time per survey, so two officers adding questions together cannot share a slot.
      await trx('surveys').where({ id: surveyId }).forUpdate().first('id')
      const slots = await slotRows(trx, surveyId)
      const isMatrix = (row: SlotRow) => row.type === 'matrix'
      const used = slots
        .map((row) => (isMatrix(row) ? row.statement_slot : row.question_slot))
        .filter((slot): slot is number => slot !== null)
      const unslotted = slots.filter((row) =>
        isMatrix(row) ? row.statement_key !== null && row.statement_slot === null : row.question_slot === null,
      )
      const newSlots = unusedNumbers(used, unslotted.length, 1)
      for (const [index, row] of unslotted.entries()) {
        if (isMatrix(row))
          await trx('survey_question_statements')
            .where({ question_id: row.question_id, key: row.statement_key })
            .update({ choice_slot: newSlots[index] })
        else await trx('survey_questions').where({ id: row.question_id }).update({ choice_slot: newSlots[index] })
      }

      const codes = await codeRows(trx, surveyId)
      for (const questionId of new Set(codes.filter((row) => row.code === null).map((row) => row.question_id))) {
        const ofQuestion = codes.filter((row) => row.question_id === questionId)
        const uncoded = ofQuestion.filter((row) => row.code === null)
        // Code 0 is "Other" (OTHER_CODE); options count from 1.
        const newCodes = unusedNumbers(
          ofQuestion.flatMap((row) => (row.code === null ? [] : [row.code])),
          uncoded.length,
          1,
        )
        for (const [index, row] of uncoded.entries())
          await trx('survey_question_options')
            .where({ question_id: questionId, value: row.value })
            .update({ code: newCodes[index] })
      }
    },

    async layoutOf(surveyId: number, trx: Knex = db): Promise<ChoiceLayout> {
      const [slots, codes] = await Promise.all([slotRows(trx, surveyId), codeRows(trx, surveyId)])
      const questions = new Map<number, QuestionLayout>()
      for (const row of slots) {
        const existing = questions.get(row.question_id)
        if (existing) {
          if (row.statement_key !== null && row.statement_slot !== null)
            existing.statementSlots[row.statement_key] = row.statement_slot
          continue
        }
        const optionCodes = Object.fromEntries(
          codes
            .filter(
              (code): code is CodeRow & { code: number } => code.question_id === row.question_id && code.code !== null,
            )
            .map((code) => [code.value, code.code]),
        )
        questions.set(row.question_id, {
          multiple: row.type === 'multiple_choice',
          slot: row.question_slot,
          statementSlots:
            row.statement_key !== null && row.statement_slot !== null
              ? { [row.statement_key]: row.statement_slot }
              : {},
          codes: optionCodes,
        })
      }
      return { questions }
    },
  }
}

export type ChoiceLayoutRepository = ReturnType<typeof createChoiceLayoutRepository>
