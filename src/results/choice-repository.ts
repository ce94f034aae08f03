import type { Knex } from 'knex'
import { present } from '../shared/present'
import { integerArrayLiteral } from '../shared/sql-array'
import { applyResponseFilter } from './response-filter'
import type { ChoiceQuestionRef, ResultsFilter } from './types'

export interface OptionCountRow {
  statementKey: string | null
  optionValue: string | null
  count: number
}
export interface CrossTabRow {
  rowValue: string | null
  columnValue: string | null
  count: number
}

/** The options a stored slot value stands for: the one chosen, or each whose bit is set. */
function optionsIn(question: ChoiceQuestionRef, stored: string | number): string[] {
  const value = BigInt(stored)
  return Object.entries(question.codes)
    .filter(([, code]) => (question.multiple ? (value >> BigInt(code)) & 1n : value === BigInt(code)))
    .map(([option]) => option)
}

/** Adds `count` to the entry for `key`. */
const addTo = <Key>(totals: Map<Key, number>, key: Key, count: number) =>
  totals.set(key, (totals.get(key) ?? 0) + count)

/**
 * Counts of choice answers, read from responses.choice_codes (src/surveys/choice-layout.ts): one pass
 * over the consultation's responses for a question or a cross-tab of two, with no join. PostgreSQL
 * groups the responses by the numbers stored; each group (one per different answer, or pair of answers)
 * then stands for the options its number holds.
 */
export function createChoiceAggregates(db: Knex) {
  const slotValue = (slot: number) => db.raw('r.choice_codes[?::int]', [slot])
  /** The consultation's responses that the filter keeps, grouped by what they hold in each slot (all answered). */
  async function groupedBySlots(
    consultationId: number,
    filter: ResultsFilter,
    slots: number[],
  ): Promise<{ values: string[]; count: number }[]> {
    const query = applyResponseFilter(db('responses as r').where('r.consultation_id', consultationId), filter)
    for (const slot of slots) query.whereRaw('r.choice_codes[?::int] is not null', [slot])
    const rows: Record<string, string | number>[] = await query
      .select(
        ...slots.map((slot, index) => db.raw('? as ??', [slotValue(slot), `s${index}`])),
        db.raw('count(*)::int as count'),
      )
      .groupBy(slots.map((_, index) => `s${index}`))
    return rows.map((row) => ({ values: slots.map((_, index) => String(row[`s${index}`])), count: Number(row.count) }))
  }

  /** Respondents per option in one slot, and how many answered it. */
  function countsOf(question: ChoiceQuestionRef, groups: { value: string; count: number }[]) {
    const counts = new Map<string, number>()
    let answered = 0
    for (const group of groups) {
      answered += group.count
      for (const option of optionsIn(question, group.value)) addTo(counts, option, group.count)
    }
    return { counts, answered }
  }

  /** A matrix's answers grouped by statement slot and code, in one pass that visits each response's statements. */
  async function groupedByStatement(
    consultationId: number,
    filter: ResultsFilter,
    slots: number[],
  ): Promise<{ slot: number; value: string; count: number }[]> {
    // The codes are bigints, which the driver may give as strings.
    const rows: { slot: number; value: string | number; count: number }[] = await applyResponseFilter(
      db('responses as r').where('r.consultation_id', consultationId),
      filter,
    )
      .joinRaw('cross join lateral unnest(?::int[]) as m(slot)', [integerArrayLiteral(slots)])
      .whereRaw('r.choice_codes[m.slot] is not null')
      .select('m.slot', db.raw('r.choice_codes[m.slot] as value'), db.raw('count(*)::int as count'))
      .groupByRaw('m.slot, r.choice_codes[m.slot]')
    return rows.map((row) => ({ slot: row.slot, value: String(row.value), count: row.count }))
  }

  /** Respondents with an answer in any of the slots (a matrix's statements). */
  async function countAnsweringAny(consultationId: number, slots: number[], filter: ResultsFilter): Promise<number> {
    const query = applyResponseFilter(db('responses as r').where('r.consultation_id', consultationId), filter)
    query.where((any) => {
      for (const slot of slots) any.orWhereRaw('r.choice_codes[?::int] is not null', [slot])
    })
    const row = await query.first<{ count: number } | undefined>(db.raw('count(*)::int as count'))
    return row?.count ?? 0
  }

  return {
    /**
     * Respondents per (statement, option). The row with both null counts the respondents who answered the
     * question; a matrix statement's row with a null option, those who answered that statement.
     */
    async optionCounts(
      consultationId: number,
      question: ChoiceQuestionRef,
      filter: ResultsFilter,
    ): Promise<OptionCountRow[]> {
      const statements = Object.entries(question.statementSlots)
      if (statements.length === 0) {
        if (question.slot === null) return []
        const groups = await groupedBySlots(consultationId, filter, [question.slot])
        const { counts, answered } = countsOf(
          question,
          groups.map(({ values, count }) => ({ value: present(values[0], 'The slot value'), count })),
        )
        return [
          ...[...counts].map(([optionValue, count]) => ({ statementKey: null, optionValue, count })),
          { statementKey: null, optionValue: null, count: answered },
        ]
      }
      const slots = statements.map(([, slot]) => slot)
      const [groups, answered] = await Promise.all([
        groupedByStatement(consultationId, filter, slots),
        countAnsweringAny(consultationId, slots, filter),
      ])
      return [
        ...statements.flatMap(([statementKey, slot]) => {
          const { counts, answered: answeredStatement } = countsOf(
            question,
            groups.filter((group) => group.slot === slot),
          )
          return [
            ...[...counts].map(([optionValue, count]) => ({ statementKey, optionValue, count })),
            { statementKey, optionValue: null, count: answeredStatement },
          ]
        }),
        { statementKey: null, optionValue: null, count: answered },
      ]
    },

    /**
     * Respondents per (row option, column option) of two choice questions, plus each column's base (rowValue
     * null): the respondents who answered both, counted once each however many row options they chose.
     */
    async crossTab(
      consultationId: number,
      rowQuestion: ChoiceQuestionRef,
      columnQuestion: ChoiceQuestionRef,
      filter: ResultsFilter,
    ): Promise<CrossTabRow[]> {
      if (rowQuestion.slot === null || columnQuestion.slot === null) return []
      const cells = new Map<string, number>()
      const bases = new Map<string, number>()
      for (const { values, count } of await groupedBySlots(consultationId, filter, [
        rowQuestion.slot,
        columnQuestion.slot,
      ])) {
        const rows = optionsIn(rowQuestion, present(values[0], 'The row slot value'))
        for (const columnValue of optionsIn(columnQuestion, present(values[1], 'The column slot value'))) {
          addTo(bases, columnValue, count)
          for (const rowValue of rows) addTo(cells, JSON.stringify([rowValue, columnValue]), count)
        }
      }
      return [
        ...[...cells].map(([pair, count]) => {
          const [rowValue, columnValue] = JSON.parse(pair) as [string, string]
          return { rowValue, columnValue, count }
        }),
        ...[...bases].map(([columnValue, count]) => ({ rowValue: null, columnValue, count })),
      ]
    },
  }
}
