import fs from 'node:fs'
import path from 'node:path'
import type { Knex } from 'knex'

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

export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig)) as [number, string[]]
  return applied
}

export async function pendingMigrations(db: Knex): Promise<string[]> {
  const [, pending] = (await db.migrate.list(migrationConfig)) as [unknown, string[]]
  return pending
}

/** Undoes the latest migration (the upgrade tests run it again over data stored before it). */
export async function undoLatestMigration(db: Knex): Promise<void> {
  await db.migrate.down(migrationConfig)
}
