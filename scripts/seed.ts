import { loadConfig } from '../src/config'
import { createDatabase, describeDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrations'
import { runSeeds } from '../seeds'
import { exitWithError } from '../src/shared/exit'

async function main() {
  const config = loadConfig()
  const db = createDatabase(config.database)
  try {
    await migrateToLatest(db)
    await runSeeds(db)
    console.log(`${describeDatabase(config.database)}: seed data loaded`)
  } finally {
    await db.destroy()
  }
}

main().catch(exitWithError)
