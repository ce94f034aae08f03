import type { Knex } from 'knex'
import { onlyRow } from '../db/rows'

export interface Code {
  id: number
  label: string
  description: string
  /** Answers tagged with it. */
  count: number
}

export function createCodingRepository(db: Knex) {
  return {
    async listCodes(consultationId: number, trx: Knex = db): Promise<Code[]> {
      const rows = await trx('consultation_codes as c')
        .leftJoin('answer_codes as ac', 'ac.code_id', 'c.id')
        .where('c.consultation_id', consultationId)
        .groupBy('c.id')
        .orderByRaw('lower(c.label), c.id')
        .select<Code[]>('c.id', 'c.label', 'c.description', trx.raw('count(ac.answer_id)::int as count'))
      return rows.map((row) => ({ ...row }))
    },

    async labelExists(consultationId: number, label: string, trx: Knex = db): Promise<boolean> {
      return Boolean(
        await trx('consultation_codes')
          .where({ consultation_id: consultationId })
          .whereRaw('lower(label) = lower(?)', [label])
          .first('id'),
      )
    },

    async insertCode(consultationId: number, label: string, description: string, trx: Knex = db): Promise<number> {
      const rows = await trx('consultation_codes')
        .insert({ consultation_id: consultationId, label, description })
        .returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async deleteCode(consultationId: number, codeId: number, trx: Knex = db): Promise<boolean> {
      return (await trx('consultation_codes').where({ consultation_id: consultationId, id: codeId }).delete()) > 0
    },

    /** Replaces the codes of the given answers, keeping only answers and codes of this consultation. */
    async replaceAnswerCodes(consultationId: number, codesByAnswer: Map<number, number[]>, trx: Knex): Promise<number> {
      const answerIds = await trx('response_answers as a')
        .join('responses as r', 'r.id', 'a.response_id')
        .where('r.consultation_id', consultationId)
        .whereIn('a.id', [...codesByAnswer.keys()])
        .pluck('a.id')
      const codeIds = new Set(
        (await trx('consultation_codes').where({ consultation_id: consultationId }).pluck('id')).map(Number),
      )
      const valid = answerIds.map(Number)
      if (valid.length === 0) return 0
      await trx('answer_codes').whereIn('answer_id', valid).delete()
      const rows = valid.flatMap((answerId) =>
        (codesByAnswer.get(answerId) ?? [])
          .filter((codeId) => codeIds.has(codeId))
          .map((codeId) => ({ answer_id: answerId, code_id: codeId })),
      )
      if (rows.length > 0) await trx('answer_codes').insert(rows)
      return valid.length
    },
  }
}

export type CodingRepository = ReturnType<typeof createCodingRepository>
