import type { Knex } from 'knex'
import { outcomePublishedExpression } from '../consultations/repository'
import type { OfficerEmailKind } from './officer-messages'

/** What a consultation's owner is told once: as `officer_notices.kind`, with the date column that brings it. */
export const CLOCK_NOTICES = {
  opened: { column: 'opens_at', email: 'officer-open-close' },
  closed: { column: 'closes_at', email: 'officer-open-close' },
  'feedback-due': { column: 'outcome_due_at', email: 'officer-feedback-due' },
} as const satisfies Record<string, { column: string; email: OfficerEmailKind }>
export type ClockNotice = keyof typeof CLOCK_NOTICES

/** A consultation's owner, when the owner can still sign in and wants this kind of email. */
export interface Owner {
  ownerId: number
  email: string
}

export interface DueNotice {
  consultationId: number
  title: string
  at: Date
  owner: Owner | null
}

/** Responses counted past the last milestone at most: every 100th is a milestone. */
export const MILESTONE_STEP = 100

export interface ResponseTally {
  /** The last milestone told: 0 for none, 1 for the first response, then 100, 200 … */
  told: number
  /** Residents' responses since, up to MILESTONE_STEP. */
  since: number
  title: string
  owner: Owner | null
}

export interface DailyCount {
  ownerId: number
  email: string
  title: string
  count: number
}

interface OwnerRow {
  owner_id: number | null
  owner_email: string | null
  wanted: boolean
}

const ownerOf = (row: OwnerRow): Owner | null =>
  row.owner_id && row.owner_email && row.wanted ? { ownerId: row.owner_id, email: row.owner_email } : null

/** The owner's address, and whether they still want `kind`: for a query over `consultations`. */
const ownerColumns = (db: Knex, kind: OfficerEmailKind) => [
  'consultations.owner_id',
  'users.email as owner_email',
  db.raw(
    `NOT EXISTS (SELECT 1 FROM officer_email_opt_outs o WHERE o.user_id = consultations.owner_id AND o.kind = ?)
     AS wanted`,
    [kind],
  ),
]

/** Emails to consultations' owners: what is due, what was told, and each officer's choices. */
export function createOfficerRepository(db: Knex) {
  return {
    /** Published consultations whose `notice` has come and whose owner has not been told of it. */
    async due(trx: Knex, notice: ClockNotice, now: Date): Promise<DueNotice[]> {
      const { column, email } = CLOCK_NOTICES[notice]
      const query = trx('consultations')
        .leftJoin('users', (join) => {
          join.on('users.id', 'consultations.owner_id').andOnVal('users.active', true)
        })
        .whereNotNull('consultations.published_at')
        .where('consultations.published_at', '<=', now)
        .where(`consultations.${column}`, '<=', now)
        .whereNotExists(
          trx('officer_notices as n')
            .whereRaw('n.consultation_id = consultations.id')
            .where('n.kind', notice)
            .select(trx.raw('1')),
        )
        .orderBy('consultations.id')
        .select('consultations.id', 'consultations.title', `consultations.${column} as at`, ...ownerColumns(trx, email))
      if (notice === 'feedback-due') query.whereRaw('NOT ?', [outcomePublishedExpression(trx, now)])
      const rows = await query
      return rows.map((row: OwnerRow & { id: number; title: string; at: Date }) => ({
        consultationId: row.id,
        title: row.title,
        at: new Date(row.at),
        owner: ownerOf(row),
      }))
    },

    /** Records that a consultation's owner was told; false if another run already did. */
    async markTold(trx: Knex, consultationId: number, notice: ClockNotice): Promise<boolean> {
      const rows = await trx('officer_notices')
        .insert({ consultation_id: consultationId, kind: notice })
        .onConflict(['consultation_id', 'kind'])
        .ignore()
        .returning('kind')
      return rows.length > 0
    },

    /** Consultations with a resident's response (online or paper) after the last milestone told, or any if none. */
    async respondedSinceMilestone(trx: Knex): Promise<number[]> {
      const rows = await trx('consultations as c')
        .leftJoin('officer_notices as n', (join) => {
          join.on('n.consultation_id', 'c.id').andOnVal('n.kind', 'responses')
        })
        .whereExists(
          trx('responses as r')
            .whereRaw('r.consultation_id = c.id')
            .whereRaw('r.id > coalesce(n.last_response_id, 0)')
            .where('r.is_sample', false)
            .select(trx.raw('1')),
        )
        .orderBy('c.id')
        .select<{ id: number }[]>('c.id')
      return rows.map((row) => row.id)
    },

    /**
     * The last milestone told and residents' responses since it, counted up to 100 along the (consultation, id)
     * index: the same small cost for the 10th response as for the 100,000th.
     */
    async responseTally(trx: Knex, consultationId: number): Promise<ResponseTally | null> {
      const row = await trx('consultations')
        .leftJoin('users', (join) => {
          join.on('users.id', 'consultations.owner_id').andOnVal('users.active', true)
        })
        .leftJoin('officer_notices as n', (join) => {
          join.on('n.consultation_id', 'consultations.id').andOnVal('n.kind', 'responses')
        })
        .where('consultations.id', consultationId)
        .first<(OwnerRow & { title: string; told: number | null; since: number }) | undefined>(
          'consultations.title',
          'n.milestone as told',
          ...ownerColumns(trx, 'officer-milestone'),
          // The consultation's id itself, not the outer row's: planned for that id, the count walks the
          // (consultation, id) index, where for the outer row's it walked every response by id from the last told.
          trx.raw(
            `(SELECT count(*)::int FROM (SELECT 1 FROM responses r
               WHERE r.consultation_id = ? AND r.id > coalesce(n.last_response_id, 0) AND NOT r.is_sample
               ORDER BY r.consultation_id, r.id LIMIT ${MILESTONE_STEP}) recent) AS since`,
            [consultationId],
          ),
        )
      return row ? { told: row.told ?? 0, since: row.since, title: row.title, owner: ownerOf(row) } : null
    },

    /**
     * Moves the consultation's milestone on to the `nth` response since the last; false if a concurrent response
     * already did (the row lock makes the second wait, then find the milestone reached).
     */
    async advanceMilestone(trx: Knex, consultationId: number, milestone: number, nth: number): Promise<boolean> {
      const { rows } = await trx.raw<{ rows: unknown[] }>(
        `INSERT INTO officer_notices (consultation_id, kind, milestone, last_response_id)
         SELECT ?, 'responses', ?, r.id FROM responses r
         WHERE r.consultation_id = ? AND NOT r.is_sample AND r.id > coalesce(
           (SELECT last_response_id FROM officer_notices WHERE consultation_id = ? AND kind = 'responses'), 0)
         ORDER BY r.id OFFSET ? LIMIT 1
         ON CONFLICT (consultation_id, kind) DO UPDATE
           SET milestone = excluded.milestone, last_response_id = excluded.last_response_id
         WHERE officer_notices.milestone < excluded.milestone
         RETURNING milestone`,
        [consultationId, milestone, consultationId, consultationId, nth - 1],
      )
      return rows.length > 0
    },

    /** Residents' responses between two instants, per owned consultation, for owners who want the summary. */
    async dailyCounts(trx: Knex, from: Date, to: Date): Promise<DailyCount[]> {
      const rows = await trx('responses')
        .join('consultations', 'consultations.id', 'responses.consultation_id')
        .join('users', (join) => {
          join.on('users.id', 'consultations.owner_id').andOnVal('users.active', true)
        })
        .where('responses.submitted_at', '>=', from)
        .where('responses.submitted_at', '<', to)
        .where('responses.is_sample', false)
        .whereNotExists(
          trx('officer_email_opt_outs as o')
            .whereRaw('o.user_id = consultations.owner_id')
            .where('o.kind', 'officer-daily-summary')
            .select(trx.raw('1')),
        )
        .groupBy('users.id', 'users.email', 'consultations.id', 'consultations.title')
        .orderBy([{ column: 'users.id' }, { column: 'consultations.title' }])
        .select<{ owner_id: number; email: string; title: string; count: number }[]>(
          'users.id as owner_id',
          'users.email',
          'consultations.title',
          trx.raw('count(*)::int as count'),
        )
      return rows.map((row) => ({ ownerId: row.owner_id, email: row.email, title: row.title, count: row.count }))
    },

    async optedOut(userId: number): Promise<OfficerEmailKind[]> {
      return db('officer_email_opt_outs').where({ user_id: userId }).orderBy('kind').pluck('kind')
    },

    async replaceOptOuts(userId: number, kinds: readonly OfficerEmailKind[]): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('officer_email_opt_outs').where({ user_id: userId }).delete()
        if (kinds.length > 0)
          await trx('officer_email_opt_outs').insert(kinds.map((kind) => ({ user_id: userId, kind })))
      })
    },
  }
}

export type OfficerRepository = ReturnType<typeof createOfficerRepository>
