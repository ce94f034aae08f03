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

async function ensureBenchOfficer(): Promise<void> {
  const email = process.env.BENCH_EMAIL ?? 'bench@localhost.test'
  const password = process.env.BENCH_PASSWORD
  if (!password || (await services.userService.list()).some((user) => user.email === email)) return
  await services.userService.createWithPassword({ email, displayName: 'Benchmark', role: 'analyst', password })
}

void ensureBenchOfficer().then(() => {
  const server = app.listen(config.port, '127.0.0.1', () => process.send?.('ready'))
  const closeDatabases = () => Promise.all([db.destroy(), exportDb.destroy()])
  process.on('SIGTERM', () => server.close(() => void closeDatabases().then(() => process.exit(0))))
})
