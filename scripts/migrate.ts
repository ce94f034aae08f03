import { loadConfig } from '../src/config'
import { createDatabase, describeDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrations'
import { exitWithError } from '../src/shared/exit'

async function main() {
  const config = loadConfig()
  const db = createDatabase(config.database)
  try {
    const applied = await migrateToLatest(db)
    const outcome = applied.length ? `applied ${applied.join(', ')}` : 'already up to date'
    console.log(`${describeDatabase(config.database)}: ${outcome}`)
  } finally {
    await db.destroy()
  }
}

main().catch(exitWithError)
