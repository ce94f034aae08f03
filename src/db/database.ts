import fs from 'node:fs'
import path from 'node:path'
import knex, { type Knex } from 'knex'
import ClientPgLite from 'knex-pglite'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { DatabaseConfig } from '../config'
import { lockDataFolder } from './data-folder-lock'

export type Database = Knex

/** A description of the database in use, for logs and the README's "which database" question. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite in ${path.resolve(config.dataDir)}`
  const url = new URL(config.url)
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`
}

export interface PoolSettings {
  max: number
  /** How long a request waits for a free connection (or a new one) before failing with a 503. */
  acquireTimeoutMs: number
  /** PostgreSQL cancels a statement that runs longer; 0 for none. */
  statementTimeoutMs: number
}

export const DEFAULT_POOL: PoolSettings = { max: 10, acquireTimeoutMs: 1_500, statementTimeoutMs: 30_000 }

/** How much longer than the statement timeout a query may wait before its server is taken to be hung. */
const HUNG_SERVER_GRACE_MS = 2_000

/** A transaction left idle this long (a bug, or a process stuck mid-request) is ended by PostgreSQL. */
const IDLE_IN_TRANSACTION_MS = 60_000

/**
 * A PostgreSQL pool for this app. Waits are bounded: for a connection, for a statement, and for an idle
 * transaction, so a slow or absent database gives a quick error (a 503 page), never a hang. JIT compilation
 * is off: the app's queries are short or bounded to one consultation, and compiling them costs more than
 * it saves (an export batch or a results page would otherwise spend most of its time in LLVM).
 */
export function createPostgresDatabase(url: string, pool: PoolSettings = DEFAULT_POOL): Database {
  const settings = {
    jit: 'off',
    statement_timeout: pool.statementTimeoutMs,
    idle_in_transaction_session_timeout: pool.statementTimeoutMs === 0 ? 0 : IDLE_IN_TRANSACTION_MS,
  }
  const options = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ')
  return knex({
    client: 'pg',
    connection: {
      connectionString: url,
      options,
      connectionTimeoutMillis: pool.acquireTimeoutMs,
      // A backstop for a server that has stopped answering (frozen, or its network gone): PostgreSQL cannot
      // enforce its own statement timeout then. /readyz reports such a database down much sooner.
      query_timeout: pool.statementTimeoutMs === 0 ? undefined : pool.statementTimeoutMs + HUNG_SERVER_GRACE_MS,
    },
    pool: { min: 0, max: pool.max },
    acquireConnectionTimeout: pool.acquireTimeoutMs,
  })
}

export interface Databases {
  db: Database
  /**
   * Where exports read from: on PostgreSQL a small pool of its own, with no statement timeout, so that
   * downloads can never take every connection from residents. On PGlite, the one embedded connection.
   */
  exportDb: Database
}

export function openDatabases(config: DatabaseConfig): Databases {
  if (config.kind === 'pglite') {
    const db = createDatabase(config)
    return { db, exportDb: db }
  }
  return {
    db: createPostgresDatabase(config.url, config.pool),
    exportDb: createPostgresDatabase(config.url, { ...config.pool, max: config.exportPoolMax, statementTimeoutMs: 0 }),
  }
}

/** An embedded PGlite with the extensions the migrations create (pg_trgm, for searching free text). */
export const openPglite = (options: PGliteOptions = {}): PGlite => new PGlite({ ...options, extensions: { pg_trgm } })

/**
 * PostgreSQL, or PGlite on its data folder. The folder is locked to this process first (see data-folder-lock.ts):
 * if another process has it open, this throws DataFolderInUseError before reading or writing anything.
 */
export function createDatabase(config: DatabaseConfig): Database {
  if (config.kind === 'postgres') return createPostgresDatabase(config.url, config.pool)
  fs.mkdirSync(config.dataDir, { recursive: true })
  const lock = lockDataFolder(config.dataDir)
  try {
    return createDatabaseFromPglite(openPglite({ dataDir: config.dataDir }))
  } catch (err) {
    lock.release()
    throw err
  }
}

/** True on embedded PGlite: one connection, in this process, with no server-side cursors to lend out. */
export const isEmbedded = (db: Database): boolean => db.client instanceof ClientPgLite

/**
 * The first connection to a new data folder waits for PGlite to create the database cluster inside
 * WebAssembly, which can take over a minute on a busy machine; knex's default would give up after 60 s.
 */
const PGLITE_FIRST_OPEN_MS = 180_000

/** Wraps an already-open PGlite instance, as the tests do with a copy of their snapshot folder. */
export function createDatabaseFromPglite(pglite: PGlite): Database {
  return knex({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    acquireConnectionTimeout: PGLITE_FIRST_OPEN_MS,
  })
}
