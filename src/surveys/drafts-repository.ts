import type { Knex } from 'knex'
import { onlyRow } from '../db/rows'

export interface DraftRow {
  id: number
  answers: unknown
  expiresAt: Date
}

/** Saved answers for "save and come back later", found only by the hash of their resume token. */
export function createDraftRepository(db: Knex) {
  return {
    async insert(
      trx: Knex,
      draft: { consultationId: number; tokenHash: string; answers: unknown; expiresAt: Date },
    ): Promise<number> {
      const rows = await trx('survey_drafts')
        .insert({
          consultation_id: draft.consultationId,
          token_hash: draft.tokenHash,
          answers: JSON.stringify(draft.answers),
          expires_at: draft.expiresAt,
        })
        .returning<{ id: string | number }[]>('id')
      return Number(onlyRow(rows).id)
    },

    async findActive(consultationId: number, tokenHash: string, now: Date): Promise<DraftRow | null> {
      const row = await db('survey_drafts')
        .where({ consultation_id: consultationId, token_hash: tokenHash })
        .where('expires_at', '>', now)
        .first<{ id: string | number; answers: unknown; expires_at: Date } | undefined>('id', 'answers', 'expires_at')
      if (!row) return null
      return {
        id: Number(row.id),
        answers: typeof row.answers === 'string' ? (JSON.parse(row.answers) as unknown) : row.answers,
        expiresAt: new Date(row.expires_at),
      }
    },

    /** Deletes a draft saved again under a new token; a reminder asked for with it stays, with the new one. */
    async replace(trx: Knex, oldId: number, newId: number): Promise<void> {
      await trx('closing_reminders').where({ draft_id: oldId }).update({ draft_id: newId })
      await trx('survey_drafts').where({ id: oldId }).delete()
    },

    async deleteExpired(now: Date, trx: Knex = db): Promise<number> {
      // RETURNING, since PGlite's driver does not give a count for a DELETE.
      const deleted = await trx('survey_drafts')
        .where('expires_at', '<=', now)
        .delete()
        .returning<{ id: string | number }[]>('id')
      return deleted.length
    },
  }
}

export type DraftRepository = ReturnType<typeof createDraftRepository>
