import type { Knex } from 'knex'

export interface DueReminder {
  id: number
  email: string
  slug: string
  title: string
  closesAt: Date
}

/** Residents' "remind me before it closes" addresses, each kept with its saved draft. */
export function createReminderRepository(db: Knex) {
  return {
    /** Keeps the address with the live draft its token finds; false when there is none. */
    async add(consultationId: number, tokenHash: string, email: string, now: Date): Promise<boolean> {
      const draft = await db('survey_drafts')
        .where({ consultation_id: consultationId, token_hash: tokenHash })
        .where('expires_at', '>', now)
        .first<{ id: string | number } | undefined>('id')
      if (!draft) return false
      await db('closing_reminders')
        .insert({ draft_id: draft.id, consultation_id: consultationId, email })
        .onConflict('draft_id')
        .merge(['email'])
      return true
    },

    /** Reminders whose consultation closes within `before` of `now`, deleted as read: their emails are queued. */
    async takeDue(trx: Knex, now: Date, closesBefore: Date): Promise<DueReminder[]> {
      const rows = await trx('closing_reminders as r')
        .join('consultations as c', 'c.id', 'r.consultation_id')
        .where('c.closes_at', '>', now)
        .where('c.closes_at', '<=', closesBefore)
        .orderBy('r.id')
        .select<{ id: number; email: string; slug: string; title: string; closes_at: Date }[]>(
          'r.id',
          'r.email',
          'c.slug',
          'c.title',
          'c.closes_at',
        )
      await trx('closing_reminders')
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .delete()
      return rows.map((row) => ({ ...row, closesAt: new Date(row.closes_at) }))
    },

    /** Addresses for consultations that have closed: never used now. */
    async deleteClosed(trx: Knex, now: Date): Promise<number> {
      const deleted = await trx('closing_reminders')
        .whereIn('consultation_id', trx('consultations').where('closes_at', '<=', now).select('id'))
        .delete()
        .returning('id')
      return deleted.length
    },
  }
}

export type ReminderRepository = ReturnType<typeof createReminderRepository>
