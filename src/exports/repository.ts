import type { Knex } from 'knex'
import { applyResponseFilter } from '../results/repository'
import type { ResultsFilter } from '../results/types'
import type { Cell, ExportPlan } from './columns'

export interface Page {
  afterId: number | string
  limit: number
}

export function createExportRepository(db: Knex) {
  /**
   * The export's rows, a finished cell per column. Given a page, only the responses after `afterId`,
   * each row ending in its response id for the next page.
   */
  function flattened(consultationId: number, filter: ResultsFilter, { fields, columns }: ExportPlan, page?: Page) {
    const responses = applyResponseFilter(db('responses as r').select('r.id', 'r.reference', 'r.channel', 'r.submitted_at').where('r.consultation_id', consultationId), filter)
    if (page) responses.where('r.id', '>', page.afterId).orderBy('r.id').limit(page.limit)
    const cells = columns.map((column) => column.cell.sql).concat(page ? ['r.id'] : [])
    const query = db.select(db.raw(cells.join(', '), columns.flatMap((column) => column.cell.bindings))).from(responses.as('r'))
    if (fields.length > 0) {
      // A lateral subquery per response reads its answers through the response_id index, never the whole table.
      const aggregates = fields.map((field, index) => `${field.sql} as f${index}`).join(', ')
      query.joinRaw(`cross join lateral (select ${aggregates} from response_answers a where a.response_id = r.id) x`, fields.flatMap((field) => field.bindings))
    }
    return query.orderBy('r.id')
  }

  /** One page of rows; the response ids come off the ends of the rows. */
  async function page(consultationId: number, filter: ResultsFilter, plan: ExportPlan, at: Page): Promise<{ rows: Cell[][]; lastId: number | string | null }> {
    const rows = (await flattened(consultationId, filter, plan, at).options({ rowMode: 'array' })) as Cell[][]
    let lastId: number | string | null = null
    for (const row of rows) lastId = row.pop() as number | string
    return { rows, lastId }
  }

  return {
    /** The rows of every response as one SQL statement (the benchmark \copy-s this to compare). */
    flattenedSql(consultationId: number, plan: ExportPlan): string {
      return flattened(consultationId, {}, plan).toString()
    },

    /**
     * Reads the rows in keyset-paginated batches (id > last id), so that it works the same on PostgreSQL
     * and PGlite and holds at most two batches: the one being written and the next, read meanwhile.
     */
    async *rows(consultationId: number, filter: ResultsFilter, plan: ExportPlan, batchSize: number): AsyncGenerator<Cell[][]> {
      const read = (afterId: number | string) => {
        const next = page(consultationId, filter, plan, { afterId, limit: batchSize })
        next.catch(() => {}) // awaited below; this only stops a reader who gave up early from leaving it unhandled
        return next
      }
      let next = read(0)
      for (;;) {
        const { rows, lastId } = await next
        const more = rows.length === batchSize && lastId !== null
        if (more) next = read(lastId)
        if (rows.length > 0) yield rows
        if (!more) return
      }
    },

    async hasCodes(consultationId: number): Promise<boolean> {
      return Boolean(await db('consultation_codes').where({ consultation_id: consultationId }).first('id'))
    },
  }
}

export type ExportRepository = ReturnType<typeof createExportRepository>
