import fs from 'node:fs'
import path from 'node:path'
import type { Knex } from 'knex'
import { isEmbedded } from './database'
import { ADVISORY_LOCKS, withAdvisoryLock } from './locks'

const migrationsDirectory = path.resolve(__dirname, '../../migrations')
const sourceExtension = path.extname(__filename)

/**
 * Migrations are named without their extension, so the same database can be migrated
 * from TypeScript sources in development and from compiled JavaScript in production.
 */
class ExtensionAgnosticMigrationSource implements Knex.MigrationSource<string> {
  getMigrations(): Promise<string[]> {
    const names = fs
      .readdirSync(migrationsDirectory)
      .filter((file) => path.extname(file) === sourceExtension && !file.endsWith('.d.ts'))
      .map((file) => path.basename(file, sourceExtension))
      .sort()
    return Promise.resolve(names)
  }

  getMigrationName(migration: string): string {
    return migration
  }

  getMigration(migration: string): Promise<Knex.Migration> {
    return import(path.join(migrationsDirectory, migration + sourceExtension)) as Promise<Knex.Migration>
  }
}

const migrationConfig: Knex.MigratorConfig = { migrationSource: new ExtensionAgnosticMigrationSource() }

/**
 * Applies pending migrations. Instances that start together take turns under an advisory lock (knex's own
 * lock table would fail the second with "Migration table is already locked"); the second then finds nothing
 * to apply. The lock's transaction holds one connection while the migrations run on others, so on PGlite,
 * with one connection and one process, there is no lock.
 */
export async function migrateToLatest(db: Knex): Promise<string[]> {
  const latest = async () => ((await db.migrate.latest(migrationConfig)) as [number, string[]])[1]
  if (isEmbedded(db)) return latest()
  return withAdvisoryLock(db, ADVISORY_LOCKS.migrations, latest)
}

export async function pendingMigrations(db: Knex): Promise<string[]> {
  const [, pending] = (await db.migrate.list(migrationConfig)) as [unknown, string[]]
  return pending
}

/** Undoes the latest migration (the upgrade tests run it again over data stored before it). */
export async function undoLatestMigration(db: Knex): Promise<void> {
  await db.migrate.down(migrationConfig)
}
