import type { Knex } from 'knex'
import { applyResponseFilter } from '../results/repository'
import type { ResultsFilter } from '../results/types'
import type { ExportField, ExportRow } from './columns'

/** The response's own columns, with both submitted times formatted by the database. */
const RESPONSE_COLUMNS = `r.id, r.reference, r.channel,
  to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as submitted_utc,
  to_char(r.submitted_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI:SS') as submitted_london`

export function createExportRepository(db: Knex) {
  /** One batch of responses after `afterId`, flattened to a row each: the export's unit of work. */
  function flattenedBatch(consultationId: number, filter: ResultsFilter, fields: ExportField[], afterId: number | string, limit: number) {
    const batch = applyResponseFilter(
      db('responses as r').select('r.id', 'r.reference', 'r.channel', 'r.submitted_at').where('r.consultation_id', consultationId).where('r.id', '>', afterId),
      filter,
    )
      .orderBy('r.id')
      .limit(limit)
    // A lateral subquery per response reads its answers through the response_id index, never the whole table.
    const selected = fields.map((field, index) => `${field.sql} as f${index}`)
    return db
      .select(db.raw(`${RESPONSE_COLUMNS}, x.*`))
      .from(batch.as('r'))
      .joinRaw(`cross join lateral (select ${selected.join(', ')} from response_answers a where a.response_id = r.id) x`, fields.flatMap((field) => field.bindings))
      .orderBy('r.id')
  }

  return {
    flattenedBatch,

    /** The flattened rows of every response as one SQL statement (the benchmark \copy-s this). */
    flattenedSql(consultationId: number, fields: ExportField[]): string {
      return flattenedBatch(consultationId, {}, fields, 0, 2 ** 31 - 1).toString()
    },

    /**
     * Reads the flattened responses in keyset-paginated batches (id > last id), so that only one
     * batch is ever in memory and it works the same on PostgreSQL and PGlite.
     */
    async *rows(consultationId: number, filter: ResultsFilter, fields: ExportField[], batchSize: number): AsyncGenerator<ExportRow[]> {
      let afterId: number | string = 0
      for (;;) {
        // JIT compiling each batch's query costs more than running it.
        const rows = (await db.transaction(async (trx) => {
          await trx.raw('set local jit = off')
          return flattenedBatch(consultationId, filter, fields, afterId, batchSize).transacting(trx)
        })) as ExportRow[]
        if (rows.length === 0) return
        yield rows
        if (rows.length < batchSize) return
        afterId = rows[rows.length - 1]!.id
      }
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
