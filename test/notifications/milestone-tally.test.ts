import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Knex } from 'knex'
import { createOfficerRepository } from '../../src/notifications/officer-repository'
import { useTestApp } from '../support/app'

const context = useTestApp()

describe(
  'the tally of responses toward the owner’s next milestone',
  { skip: !process.env.TEST_DATABASE_URL && 'needs PostgreSQL' },
  () => {
    it('walks the new consultation’s own responses, not every response stored before its first', async () => {
      const [busy, fresh] = await context.db('surveys').orderBy('id').limit(2).select('id', 'consultation_id')
      assert.ok(busy && fresh, 'two seeded surveys')
      // Many responses to another consultation, and none yet (no milestone told) to the fresh one.
      await context.db.raw(
        `INSERT INTO responses (consultation_id, survey_id, reference)
       SELECT ?, ?, 'ANON-T' || lpad(n::text, 7, '0') FROM generate_series(1, 20000) AS n`,
        [busy.consultation_id, busy.id],
      )
      await context.db.raw('ANALYZE responses')
      let tallySql: { sql: string; bindings: readonly Knex.RawBinding[] } | undefined
      const watch = (query: { sql: string; bindings: readonly Knex.RawBinding[] }) => {
        if (query.sql.includes('AS since')) tallySql = query
      }
      context.db.on('query', watch)
      const tally = await context.db.transaction((trx) =>
        createOfficerRepository(context.db).responseTally(trx, fresh.consultation_id),
      )
      context.db.off('query', watch)
      assert.ok(tally && tallySql)
      const explain = `EXPLAIN ${tallySql.sql.replace(/\$\d+/g, '?')}`
      const plan = await context.db.raw<{ rows: { 'QUERY PLAN': string }[] }>(explain, [...tallySql.bindings])
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n')
      assert.match(text, /responses_consultation_filter_index/, text)
      assert.doesNotMatch(text, /responses_pkey/, text)
    })
  },
)
