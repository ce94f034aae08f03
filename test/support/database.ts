import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Knex } from 'knex'
import type { PGlite } from '@electric-sql/pglite'
import { createDatabaseFromPglite, createPostgresDatabase, DEFAULT_POOL, openPglite } from '../../src/db/database'
import { adminConnection, databaseUrl, freshSeededPglite } from '../../src/db/provision'

export interface TestDatabase {
  db: Knex
  kind: 'pglite' | 'postgres'
  /** The connection string, on PostgreSQL. */
  url?: string
  close: () => Promise<void>
}

/** As in production, but with time to wait for a connection while both cores run test files. */
const TEST_POOL = { ...DEFAULT_POOL, acquireTimeoutMs: 20_000 }

/**
 * Where exports read from on each test database, as in production: on PostgreSQL a pool of its own with no statement
 * timeout. pg never clears its read timer for a cursor's query, so an export read through the test pool left a
 * 32-second timer that kept the test file's process alive that long after its last test.
 */
const exportPools = new WeakMap<Knex, Knex>()

export const exportDbOf = (db: Knex): Knex => exportPools.get(db) ?? db

/**
 * A migrated and seeded database of this test file's own: a copy of the run's PGlite snapshot folder by default,
 * or a clone of the run's template database when TEST_DATABASE_URL names a PostgreSQL server.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  const template = process.env.TEST_PG_TEMPLATE
  if (serverUrl && template) {
    const name = `${template.replace(/_template$/, '')}_${crypto.randomBytes(4).toString('hex')}`
    const admin = adminConnection(serverUrl)
    await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, template])
    await admin.destroy()
    const url = databaseUrl(serverUrl, name)
    const db = createPostgresDatabase(url, TEST_POOL)
    const exportDb = createPostgresDatabase(url, { ...TEST_POOL, max: 2, statementTimeoutMs: 0 })
    exportPools.set(db, exportDb)
    return {
      db,
      kind: 'postgres',
      url,
      close: async () => {
        await Promise.all([db.destroy(), exportDb.destroy()])
        const cleanup = adminConnection(serverUrl)
        await cleanup.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name])
        await cleanup.destroy()
      },
    }
  }

  const snapshot = process.env.TEST_PGLITE_SNAPSHOT
  if (snapshot && fs.existsSync(snapshot)) {
    // Beside the snapshot, so that the runner removes it at the end even if this file's process dies.
    const dataDir = fs.mkdtempSync(`${snapshot}-`)
    fs.cpSync(snapshot, dataDir, { recursive: true })
    return pgliteTestDatabase(openPglite({ dataDir }), () => fs.rmSync(dataDir, { recursive: true, force: true }))
  }
  return pgliteTestDatabase((await freshSeededPglite()).pglite)
}

/**
 * Closing knex closes PGlite only if knex ever connected to it; a test file whose tests were all skipped never
 * did, and PGlite left open would keep its process from ending. So close both.
 */
function pgliteTestDatabase(pglite: PGlite, removeFolder?: () => void): TestDatabase {
  const db = createDatabaseFromPglite(pglite)
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
      removeFolder?.()
    },
  }
}

/** Every table and column the app writes, searched for the text. */
export async function tablesContaining(db: Knex, text: string): Promise<string[]> {
  const tables = await db('information_schema.tables')
    .where({ table_schema: db.raw('current_schema()'), table_type: 'BASE TABLE' })
    .pluck('table_name')
  const found: string[] = []
  for (const table of tables as string[]) {
    const rows = await db(table).select('*')
    if (JSON.stringify(rows).toLowerCase().includes(text.toLowerCase())) found.push(table)
  }
  return found
}
