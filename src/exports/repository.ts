import type { Knex } from 'knex'
import type { Client } from 'pg'
import Cursor from 'pg-cursor'
import { isEmbedded } from '../db/database'
import { applyResponseFilter } from '../results/response-filter'
import { startedEarly } from '../shared/promises'
import type { ResultsFilter } from '../results/types'
import type { Cell, ExportPlan } from './columns'

interface Page {
  afterId: number | string
  limit: number
}

type Id = number | string

export function createExportRepository(db: Knex) {
  /**
   * The export's rows, a finished cell per column, in response order. Given a page, only the responses
   * after `afterId`, each row ending in its response id for the next page.
   */
  function flattened(consultationId: number, filter: ResultsFilter, { fields, columns }: ExportPlan, page?: Page) {
    const responses = applyResponseFilter(
      db('responses as r')
        .select('r.id', 'r.reference', 'r.channel', 'r.submitted_at', 'r.publishing_consent', 'r.moderation_status')
        .where('r.consultation_id', consultationId),
      filter,
    )
    if (page) responses.where('r.id', '>', page.afterId).orderBy('r.id').limit(page.limit)
    const cells = columns.map((column) => column.cell.sql).concat(page ? ['r.id'] : [])
    const query = db
      .select(
        db.raw(
          cells.join(', '),
          columns.flatMap((column) => column.cell.bindings),
        ),
      )
      .from(responses.as('r'))
    if (fields.length > 0) {
      // A lateral subquery per response reads its answers through the response_id index, never the whole table.
      const aggregates = fields.map((field, index) => `${field.sql} as f${index}`).join(', ')
      query.joinRaw(
        `cross join lateral (select ${aggregates} from response_answers a where a.response_id = r.id) x`,
        fields.flatMap((field) => field.bindings),
      )
    }
    return query.orderBy('r.id')
  }

  /** The part of knex's client (typed `any`) that lends out pooled connections. */
  interface PooledClient {
    acquireConnection(): Promise<unknown>
    releaseConnection(connection: unknown): Promise<unknown>
  }

  /**
   * PostgreSQL: one query read through a cursor, a batch at a time with the next batch read ahead while
   * this one is written. One plan, one snapshot, and batches small enough to be garbage before the
   * collector promotes them. Holds one pooled connection until the export ends or the reader leaves.
   */
  async function* throughCursor(query: Knex.QueryBuilder, batchSize: number): AsyncGenerator<Cell[][]> {
    const { sql, bindings } = query.toSQL().toNative()
    const pool = db.client as PooledClient
    const connection = (await pool.acquireConnection()) as Client
    const cursor = connection.query(new Cursor<Cell[]>(sql, bindings as unknown[], { rowMode: 'array' }))
    let next = startedEarly(cursor.read(batchSize))
    try {
      for (;;) {
        const rows = await next
        if (rows.length === 0) return
        next = startedEarly(cursor.read(batchSize))
        yield rows
      }
    } finally {
      await next.catch(() => {
        // The reader has gone or an earlier read failed: either way this batch is not wanted.
      })
      await cursor.close().catch(() => {
        // The connection is released below, which ends whatever the cursor still held.
      })
      await pool.releaseConnection(connection)
    }
  }

  /**
   * PGlite: keyset-paginated queries (id > last id), each its own statement, so that the single embedded
   * connection is free between batches for the rest of the site.
   */
  async function* byKeyset(
    consultationId: number,
    filter: ResultsFilter,
    plan: ExportPlan,
    batchSize: number,
  ): AsyncGenerator<Cell[][]> {
    const page = async (afterId: Id) => {
      const rows = (await flattened(consultationId, filter, plan, { afterId, limit: batchSize }).options({
        rowMode: 'array',
      })) as Cell[][]
      let lastId: Id | null = null
      for (const row of rows) lastId = row.pop() as Id
      return { rows, lastId }
    }
    let next = startedEarly(page(0))
    for (;;) {
      const { rows, lastId } = await next
      const more = rows.length === batchSize && lastId !== null
      if (more) next = startedEarly(page(lastId))
      if (rows.length > 0) yield rows
      if (!more) return
    }
  }

  return {
    /** The rows of every response as one SQL statement (the benchmark \copy-s this to compare). */
    flattenedSql(consultationId: number, plan: ExportPlan): string {
      return flattened(consultationId, {}, plan).toQuery()
    },

    /** The rows, a batch at a time: at most two batches are held, the one being written and the next. */
    rows(consultationId: number, filter: ResultsFilter, plan: ExportPlan, batchSize: number): AsyncGenerator<Cell[][]> {
      return isEmbedded(db)
        ? byKeyset(consultationId, filter, plan, batchSize)
        : throughCursor(flattened(consultationId, filter, plan), batchSize)
    },

    async hasPublishingConsent(consultationId: number): Promise<boolean> {
      return Boolean(
        await db('responses').where({ consultation_id: consultationId }).whereNotNull('publishing_consent').first('id'),
      )
    },

    async hasCodes(consultationId: number): Promise<boolean> {
      return Boolean(await db('consultation_codes').where({ consultation_id: consultationId }).first('id'))
    },
  }
}

export type ExportRepository = ReturnType<typeof createExportRepository>
