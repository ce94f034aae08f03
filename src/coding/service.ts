import type { Knex } from 'knex'
import { z } from 'zod'
import { formText } from '../shared/text'
import type { Actor, AuditService } from '../audit/service'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../shared/form-errors'
import type { CodingRepository } from './repository'

export const newCodeSchema = z.object({
  label: formText().trim().min(1, 'Enter a name for the code').max(80, 'The name must be 80 characters or fewer'),
  description: formText().trim().max(500, 'The description must be 500 characters or fewer').default(''),
})

/** The code form's fields are named label and description; their inputs have these ids. */
export const CODE_FIELD_ANCHORS = { label: 'code-label', description: 'code-description' }

/** Analysts' codes (themes) and the tags they put on free-text answers; each change is audited with it. */
export function createCodingService({
  db,
  coding,
  audit,
}: {
  db: Knex
  coding: CodingRepository
  audit: AuditService
}) {
  return {
    listCodes: (consultationId: number) => coding.listCodes(consultationId),

    async addCode(
      actor: Actor | null,
      consultationId: number,
      input: unknown,
    ): Promise<{ ok: true; id: number } | { ok: false; errors: FormErrors }> {
      const parsed = newCodeSchema.safeParse(input)
      if (!parsed.success) return { ok: false, errors: formErrorsOf(parsed.error, CODE_FIELD_ANCHORS) }
      const { label, description } = parsed.data
      return db.transaction(async (trx) => {
        if (await coding.labelExists(consultationId, label, trx)) {
          return {
            ok: false as const,
            errors: formErrorsFrom({ label: 'There is already a code with that name' }, CODE_FIELD_ANCHORS),
          }
        }
        const id = await coding.insertCode(consultationId, label, description, trx)
        await audit.record(
          actor,
          { action: 'code.create', entityType: 'code', entityId: id, consultationId, after: { label, description } },
          trx,
        )
        return { ok: true as const, id }
      })
    },

    deleteCode: (actor: Actor | null, consultationId: number, codeId: number): Promise<boolean> =>
      db.transaction(async (trx) => {
        const deleted = await coding.deleteCode(consultationId, codeId, trx)
        if (deleted)
          await audit.record(
            actor,
            { action: 'code.delete', entityType: 'code', entityId: codeId, consultationId },
            trx,
          )
        return deleted
      }),

    /** Replaces the codes on the answers an analyst saw on one page of free text. */
    tagAnswers: (actor: Actor | null, consultationId: number, codesByAnswer: Map<number, number[]>): Promise<number> =>
      db.transaction(async (trx) => {
        const tagged = await coding.replaceAnswerCodes(consultationId, codesByAnswer, trx)
        const after = { answers: tagged }
        if (tagged > 0)
          await audit.record(
            actor,
            { action: 'answers.code', entityType: 'consultation', entityId: consultationId, consultationId, after },
            trx,
          )
        return tagged
      }),
  }
}

export type CodingService = ReturnType<typeof createCodingService>

/** The confirmation after "Save codes". */
export const codesSavedMessage = (answers: number): string =>
  `Codes saved for the ${answers === 1 ? 'answer' : `${answers} answers`} on this page`
