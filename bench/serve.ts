/**
 * The app as the benchmark runs it: the real createApp over DATABASE_URL, with an analyst the benchmark
 * signs in as (BENCH_EMAIL and BENCH_PASSWORD), created on first start. Never used outside bench/.
 */
import { createApp } from '../src/app'
import { loadConfig } from '../src/config'
import { openDatabases } from '../src/db/database'
import { createLogger } from '../src/logger'
import { loadAssetManifest } from '../src/middleware/static-assets'
import { createServices } from '../src/services'
import { ensureBenchOfficer } from './officer'

const config = loadConfig()
const { db, exportDb } = openDatabases(config.database)
const services = createServices(db, { exportDb })
const logger = createLogger('silent')
const app = createApp({
  config,
  logger,
  services,
  assetManifest: loadAssetManifest(),
})

void ensureBenchOfficer(services).then(() => {
  const server = app.listen(config.port, '127.0.0.1', () => process.send?.('ready'))
  const closeDatabases = () => Promise.all([db.destroy(), exportDb.destroy()])
  process.on('SIGTERM', () => server.close(() => void closeDatabases().then(() => process.exit(0))))
})
