import type { AddressInfo } from 'node:net'
import { createApp } from './app'
import { loadConfig } from './config'
import { createDatabase, describeDatabase } from './db/database'
import { migrateToLatest } from './db/migrations'
import { createLogger } from './logger'
import { scheduledJobs } from './jobs/jobs'
import { startJobs } from './jobs/scheduler'
import { createMailer } from './mail/mailer'
import { createSessionStore } from './middleware/session'
import { loadAssetManifest } from './middleware/static-assets'
import { createServices } from './services'
import { seedIfEmpty } from '../seeds'

const SESSION_CLEANUP_INTERVAL_MS = 15 * 60 * 1000
const SHUTDOWN_GRACE_MS = 10_000

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  logger.info({ database: describeDatabase(config.database) }, 'using database')

  const db = createDatabase(config.database)
  const applied = await migrateToLatest(db)
  if (applied.length > 0) logger.info({ applied }, 'applied migrations')
  if (!config.isProduction && (await seedIfEmpty(db))) logger.info('seeded an empty database')

  const sessionStore = createSessionStore(db, SESSION_CLEANUP_INTERVAL_MS)
  const services = createServices(db, { mailer: createMailer(config.mail), siteName: config.siteName })
  const app = createApp({
    config,
    logger,
    services,
    sessionStore,
    assetManifest: loadAssetManifest(),
  })
  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    logger.info(
      { port },
      `${config.siteName} listening on http://${config.host}:${port} (public address ${config.baseUrl})`,
    )
  })
  const jobs = startJobs(scheduledJobs(services), { logger })

  let shuttingDown = false
  const shutdown = (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight')
    const forceExit = setTimeout(() => {
      logger.error('requests still in flight after the grace period; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    forceExit.unref()
    server.close(() => {
      clearTimeout(sessionStore.nextDbCleanup)
      void jobs.stop().then(async () => {
        await db.destroy()
        logger.info('shut down cleanly')
        process.exit(0)
      })
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
