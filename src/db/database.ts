import fs from 'node:fs'
import path from 'node:path'
import knex, { type Knex } from 'knex'
import ClientPgLite from 'knex-pglite'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { DatabaseConfig } from '../config'

export type Database = Knex

/** A description of the database in use, for logs and the README's "which database" question. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite in ${path.resolve(config.dataDir)}`
  const url = new URL(config.url)
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/**
 * A PostgreSQL pool for this app. JIT compilation is off: the app's queries are short or bounded to one
 * consultation, and compiling them costs more than it saves (an export batch or a results page would
 * otherwise spend most of its time in LLVM).
 */
export function createPostgresDatabase(url: string): Database {
  return knex({ client: 'pg', connection: { connectionString: url, options: '-c jit=off' }, pool: { min: 0, max: 10 } })
}

/** An embedded PGlite with the extensions the migrations create (pg_trgm, for searching free text). */
export const openPglite = (options: PGliteOptions = {}): PGlite => new PGlite({ ...options, extensions: { pg_trgm } })

export function createDatabase(config: DatabaseConfig): Database {
  if (config.kind === 'postgres') return createPostgresDatabase(config.url)
  fs.mkdirSync(config.dataDir, { recursive: true })
  return createDatabaseFromPglite(openPglite({ dataDir: config.dataDir }))
}

/** True on embedded PGlite: one connection, in this process, with no server-side cursors to lend out. */
export const isEmbedded = (db: Database): boolean => db.client instanceof ClientPgLite

/**
 * The first connection to a new data folder waits for PGlite to create the database cluster inside
 * WebAssembly, which can take over a minute on a busy machine; knex's default would give up after 60 s.
 */
const PGLITE_FIRST_OPEN_MS = 180_000

/** Wraps an already-open PGlite instance, as the tests do with a restored snapshot. */
export function createDatabaseFromPglite(pglite: PGlite): Database {
  return knex({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    acquireConnectionTimeout: PGLITE_FIRST_OPEN_MS,
  })
}
