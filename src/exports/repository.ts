import type { Knex } from 'knex'
import { applyResponseFilter } from '../results/repository'
import type { ResultsFilter } from '../results/types'
import type { ExportField, ExportRow } from './columns'

/** The response's own columns, with both submitted times formatted by the database. */
const RESPONSE_COLUMNS = `r.id, r.reference, r.channel,
  to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as submitted_utc,
  to_char(r.submitted_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI:SS') as submitted_london`

/** Rows the PostgreSQL cursor fetches at a time, and how many it reads ahead of the CSV writer. */
const CURSOR_BATCH_SIZE = 500

/** knex's pg client streams through a server-side cursor; PGlite's .stream() reads the whole result first. */
const streamsFromCursor = (db: Knex) => db.client.config.client === 'pg'

export function createExportRepository(db: Knex) {
  /**
   * The responses (after `afterId`, up to `limit` of them, in id order) flattened to a row each. A lateral
   * subquery per response reads its answers through the response_id index, never the whole table.
   */
  function flattened(consultationId: number, filter: ResultsFilter, fields: ExportField[], page?: { afterId: number | string; limit: number }) {
    const responses = applyResponseFilter(db('responses as r').select('r.id', 'r.reference', 'r.channel', 'r.submitted_at').where('r.consultation_id', consultationId), filter)
    if (page) responses.where('r.id', '>', page.afterId).orderBy('r.id').limit(page.limit)
    const selected = fields.map((field, index) => `${field.sql} as f${index}`)
    return db
      .select(db.raw(`${RESPONSE_COLUMNS}, x.*`))
      .from(responses.as('r'))
      .joinRaw(`cross join lateral (select ${selected.join(', ')} from response_answers a where a.response_id = r.id) x`, fields.flatMap((field) => field.bindings))
      .orderBy('r.id')
  }

  /** PostgreSQL: one query read through a cursor, a batch at a time, with the next batch read ahead. */
  async function* fromCursor(query: Knex.QueryBuilder, batchSize: number): AsyncGenerator<ExportRow[]> {
    const trx = await db.transaction()
    try {
      // Planning a JIT compile of the whole export costs more than it saves.
      await trx.raw('set local jit = off')
      let batch: ExportRow[] = []
      for await (const row of query.transacting(trx).stream({ batchSize: CURSOR_BATCH_SIZE })) {
        batch.push(row as ExportRow)
        if (batch.length === batchSize) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    } finally {
      // Commit either way: the transaction only reads, and an early stop leaves nothing to undo.
      await trx.commit()
    }
  }

  /** PGlite: keyset-paginated batches (id > the last id), so only one batch is ever in memory. */
  async function* fromKeysetPages(consultationId: number, filter: ResultsFilter, fields: ExportField[], batchSize: number): AsyncGenerator<ExportRow[]> {
    let afterId: number | string = 0
    for (;;) {
      const rows = (await flattened(consultationId, filter, fields, { afterId, limit: batchSize })) as ExportRow[]
      if (rows.length === 0) return
      yield rows
      if (rows.length < batchSize) return
      afterId = rows[rows.length - 1]!.id
    }
  }

  return {
    /** The flattened rows of every response as one SQL statement: what the export reads (the benchmark \copy-s it). */
    flattenedSql(consultationId: number, fields: ExportField[]): string {
      return flattened(consultationId, {}, fields).toString()
    },

    /** Every flattened response, in id order, a batch of up to `batchSize` rows at a time. */
    rows(consultationId: number, filter: ResultsFilter, fields: ExportField[], batchSize: number): AsyncGenerator<ExportRow[]> {
      return streamsFromCursor(db)
        ? fromCursor(flattened(consultationId, filter, fields), batchSize)
        : fromKeysetPages(consultationId, filter, fields, batchSize)
    },

    async hasCodes(consultationId: number): Promise<boolean> {
      return Boolean(await db('consultation_codes').where({ consultation_id: consultationId }).first('id'))
    },

    /** The code labels of a batch's answers, per response and question, joined with "; ". */
    async codesFor(responseIds: (number | string)[], questionIds: number[]): Promise<Map<string, Map<number, string>>> {
      const rows = await db('answer_codes as ac')
        .join('response_answers as a', 'a.id', 'ac.answer_id')
        .join('consultation_codes as c', 'c.id', 'ac.code_id')
        .whereIn('a.response_id', responseIds)
        .whereIn('a.question_id', questionIds)
        .groupBy('a.response_id', 'a.question_id')
        .select('a.response_id', 'a.question_id', db.raw("string_agg(distinct c.label, '; ') as labels"))
      const byResponse = new Map<string, Map<number, string>>()
      for (const row of rows) {
        const key = String(row.response_id)
        if (!byResponse.has(key)) byResponse.set(key, new Map())
        byResponse.get(key)!.set(Number(row.question_id), row.labels)
      }
      return byResponse
    },
  }
}

export type ExportRepository = ReturnType<typeof createExportRepository>
