/**
 * The app as the benchmark runs it: the real createApp over DATABASE_URL, with an access guard that
 * lets every request in (the benchmark measures the export, not sign-in). Never used outside bench/.
 */
import type { AdminAccess, AuditRecorder } from '../src/admin/guard'
import { createApp } from '../src/app'
import { loadConfig } from '../src/config'
import { createDatabase } from '../src/db/database'
import { createLogger } from '../src/logger'
import { createSessionStore } from '../src/middleware/session'
import { loadAssetManifest } from '../src/middleware/static-assets'
import { createServices } from '../src/services'

const openAccess: AdminAccess = {
  requireRole: () => (_req, _res, next) => next(),
  actorOf: () => ({ id: 0, email: 'bench@localhost' }),
}
// The stand-in officer has no row in users, so the real audit log would refuse to name them.
const noAudit: AuditRecorder = { record: () => Promise.resolve() }

const config = loadConfig()
const db = createDatabase(config.database)
const app = createApp({
  config,
  db,
  logger: createLogger('silent'),
  services: createServices(db),
  sessionStore: createSessionStore(db, 0),
  assetManifest: loadAssetManifest(),
  access: openAccess,
  audit: noAudit,
})
const server = app.listen(config.port, '127.0.0.1', () => process.send?.('ready'))
process.on('SIGTERM', () =>
  server.close(() => {
    void db.destroy().then(() => process.exit(0))
  }),
)
