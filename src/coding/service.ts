import { z } from 'zod'
import type { CodingRepository } from './repository'

export const newCodeSchema = z.object({
  label: z.string().trim().min(1, 'Enter a name for the code').max(80, 'The name must be 80 characters or fewer'),
  description: z.string().trim().max(500, 'The description must be 500 characters or fewer').default(''),
})

export type CodeFormErrors = { field: 'label' | 'description'; text: string }[]

export function createCodingService({ coding }: { coding: CodingRepository }) {
  return {
    listCodes: (consultationId: number) => coding.listCodes(consultationId),

    async addCode(consultationId: number, input: unknown): Promise<{ ok: true; id: number } | { ok: false; errors: CodeFormErrors }> {
      const parsed = newCodeSchema.safeParse(input)
      if (!parsed.success) {
        return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: issue.path[0] as 'label' | 'description', text: issue.message })) }
      }
      if (await coding.labelExists(consultationId, parsed.data.label)) {
        return { ok: false, errors: [{ field: 'label', text: 'There is already a code with that name' }] }
      }
      return { ok: true, id: await coding.insertCode(consultationId, parsed.data.label, parsed.data.description) }
    },

    deleteCode: (consultationId: number, codeId: number) => coding.deleteCode(consultationId, codeId),

    /** Replaces the codes on the answers an analyst saw on one page of free text. */
    tagAnswers: (consultationId: number, codesByAnswer: Map<number, number[]>) => coding.replaceAnswerCodes(consultationId, codesByAnswer),
  }
}

export type CodingService = ReturnType<typeof createCodingService>

/** The confirmation after "Save codes". */
export const codesSavedMessage = (answers: number): string =>
  `Codes saved for the ${answers === 1 ? 'answer' : `${answers} answers`} on this page`
