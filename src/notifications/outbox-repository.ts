import crypto from 'node:crypto'
import type { Knex } from 'knex'
import type { EmailKind } from './messages'

export interface NewEmailJob {
  kind: EmailKind
  /** One per logical email (say "outcome:12:34"): the same event can never enqueue it twice. */
  dedupeKey: string
  recipient: string
  personalisation: Record<string, string>
}

export interface EmailJob extends NewEmailJob {
  id: number
  reference: string
  attempts: number
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

interface JobRow {
  id: string | number
  kind: EmailKind
  dedupe_key: string
  reference: string
  recipient: string | null
  personalisation: Record<string, string>
  attempts: number
}

export function createOutboxRepository(db: Knex) {
  return {
    /** Adds the job unless its dedupe key is already there; true when it was added. */
    async enqueue(trx: Knex, job: NewEmailJob, now: Date): Promise<boolean> {
      const inserted = await trx('outbox')
        .insert({
          kind: job.kind,
          dedupe_key: job.dedupeKey,
          reference: crypto.randomUUID(),
          recipient: job.recipient,
          personalisation: JSON.stringify(job.personalisation),
          next_attempt_at: now,
        })
        .onConflict('dedupe_key')
        .ignore()
        .returning('id')
      return inserted.length > 0
    },

    /**
     * Adds the jobs whose dedupe keys are not there yet, in one statement however many there are (their rows
     * travel as one JSON parameter); gives how many were added.
     */
    async enqueueMany(trx: Knex, jobs: NewEmailJob[], now: Date): Promise<number> {
      if (jobs.length === 0) return 0
      const rows = jobs.map((job, n) => ({
        n,
        kind: job.kind,
        dedupe_key: job.dedupeKey,
        reference: crypto.randomUUID(),
        recipient: job.recipient,
        personalisation: job.personalisation,
      }))
      const { rows: inserted } = await trx.raw<{ rows: unknown[] }>(
        `INSERT INTO outbox (kind, dedupe_key, reference, recipient, personalisation, next_attempt_at)
         SELECT kind, dedupe_key, reference, recipient, personalisation, ?
         FROM jsonb_to_recordset(?::jsonb)
           AS job(n int, kind text, dedupe_key text, reference text, recipient text, personalisation jsonb)
         ORDER BY n
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [now, JSON.stringify(rows)],
      )
      return inserted.length
    },

    /**
     * Takes up to `limit` jobs that are due, or whose sender's lease ran out (it crashed mid-batch), and marks
     * them as being sent by `worker`. Rows another worker is claiming are skipped, not waited for.
     */
    async claim(worker: string, limit: number, now: Date, leaseExpiredBefore: Date): Promise<EmailJob[]> {
      const { rows } = await db.raw<{ rows: JobRow[] }>(
        `UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ?, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_at < ?)
           ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING id, kind, dedupe_key, reference, recipient, personalisation, attempts`,
        [now, worker, now, leaseExpiredBefore, limit],
      )
      return rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        dedupeKey: row.dedupe_key,
        reference: row.reference,
        recipient: row.recipient ?? '',
        personalisation: row.personalisation,
        attempts: row.attempts,
      }))
    },

    /** Restarts the job's lease just before a send; false if it had passed to another worker, which sends it. */
    async renewClaim(id: number, worker: string, now: Date): Promise<boolean> {
      const updated = await db('outbox')
        .where({ id, claimed_by: worker, status: 'sending' })
        .update({ claimed_at: now })
      return updated > 0
    },

    /** Records the send and forgets the address; false if the lease had passed to another worker. */
    async markSent(id: number, worker: string, now: Date): Promise<boolean> {
      const updated = await db('outbox')
        .where({ id, claimed_by: worker, status: 'sending' })
        .update({ status: 'sent', sent_at: now, recipient: null, personalisation: '{}', last_error: null })
      return updated > 0
    },

    /**
     * A failed attempt: tried again at `retryAt`, or kept as failed when there is none, then with only its kind,
     * attempts and error for admins: the address and the personalisation (which may hold a live link) are cleared.
     */
    async markFailed(id: number, worker: string, error: string, retryAt: Date | null): Promise<void> {
      const forgotten = retryAt ? {} : { recipient: null, personalisation: '{}' }
      await db('outbox')
        .where({ id, claimed_by: worker, status: 'sending' })
        .update({
          status: retryAt ? 'pending' : 'failed',
          next_attempt_at: retryAt ?? db.ref('next_attempt_at'),
          last_error: error,
          claimed_at: null,
          claimed_by: null,
          ...forgotten,
        })
    },

    /** How many jobs are in each state: for admins, with no addresses. */
    async countByStatus(): Promise<Record<OutboxStatus, number>> {
      const rows = await db('outbox')
        .select('status')
        .count<{ status: OutboxStatus; count: string }[]>('* as count')
        .groupBy('status')
      const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 }
      for (const row of rows) counts[row.status] = Number(row.count)
      return counts
    },
  }
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>
