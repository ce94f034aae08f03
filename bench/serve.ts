/**
 * The app as the benchmarks run it: the real createApp over DATABASE_URL, listening on 127.0.0.1 at PORT. When
 * BENCH_PASSWORD is set, an analyst the benchmark signs in as (BENCH_EMAIL) is created on first start.
 * Never used outside bench/.
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
const services = createServices(db, { exportDb, pageCacheMaxBytes: config.pageCacheMaxBytes })
const logger = createLogger('silent')
const app = createApp({
  config,
  logger,
  services,
  assetManifest: loadAssetManifest(),
})

// Only the first instance is given BENCH_PASSWORD: two instances starting together would race to create it.
const officerReady = process.env.BENCH_PASSWORD ? ensureBenchOfficer(services) : Promise.resolve()
void officerReady.then(() => {
  const server = app.listen(config.port, '127.0.0.1', () => process.send?.('ready'))
  const closeDatabases = () => Promise.all([db.destroy(), exportDb.destroy()])
  process.on('SIGTERM', () => server.close(() => void closeDatabases().then(() => process.exit(0))))
})
