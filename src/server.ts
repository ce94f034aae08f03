import type { AddressInfo } from 'node:net'
import { createApp } from './app'
import { loadConfig } from './config'
import { describeDatabase, openDatabases } from './db/database'
import { migrateToLatest } from './db/migrations'
import { createLogger } from './logger'
import { scheduledJobs } from './jobs/jobs'
import { startJobs } from './jobs/scheduler'
import { createEmailProvider } from './notifications/providers'
import { loadAssetManifest } from './middleware/static-assets'
import { createServices } from './services'
import { seedIfEmpty } from '../seeds'
import { exitWithError } from './shared/exit'

/** Printed at start while there is no officer, so a newcomer need not stop the server to run create-admin. */
const setupLinkMessage = (baseUrl: string, token: string) =>
  `No officer can sign in yet. Create the first admin at ${baseUrl}/admin/setup/${token} ` +
  '(this link works once, for 1 hour; a restart prints a new one)'

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  logger.info({ database: describeDatabase(config.database) }, 'using database')

  const { db, exportDb } = openDatabases(config.database)
  // A last resort: a promise that fails with no one waiting (a library's bug, say) is logged, not fatal. Every
  // request still gets its answer or error from Express, so the process goes on serving.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'))
  const applied = await migrateToLatest(db)
  if (applied.length > 0) logger.info({ applied }, 'applied migrations')
  if (!config.isProduction && (await seedIfEmpty(db))) logger.info('seeded an empty database')

  const services = createServices(db, {
    siteName: config.siteName,
    exportDb,
    emailProvider: createEmailProvider(config),
    emailSite: { baseUrl: config.baseUrl, councilName: config.councilName, secret: config.session.secret },
    pageCacheMaxBytes: config.pageCacheMaxBytes,
  })
  const setupToken = await services.setupService.issueTokenIfNoOfficer()
  const app = createApp({
    config,
    logger,
    services,
    assetManifest: loadAssetManifest(),
  })
  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    logger.info(
      { port },
      `${config.siteName} listening on http://${config.host}:${port} (public address ${config.baseUrl})`,
    )
    if (setupToken) logger.warn(setupLinkMessage(config.baseUrl, setupToken))
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
    }, config.shutdownGraceMs)
    forceExit.unref()
    server.close(() => {
      void jobs.stop().then(async () => {
        await Promise.all([db.destroy(), exportDb === db ? null : exportDb.destroy()])
        logger.info('shut down cleanly')
        process.exit(0)
      })
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch(exitWithError)
