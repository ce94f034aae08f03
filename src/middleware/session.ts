import type { Knex } from 'knex'
import { Router } from 'express'
import session from 'express-session'
import { ConnectSessionKnexStore } from 'connect-session-knex'
import type { Config } from '../config'

/** Residents' survey answers must survive at least 24 hours of inactivity. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000

export function createSessionStore(db: Knex, cleanupIntervalMs: number): ConnectSessionKnexStore {
  return new ConnectSessionKnexStore({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: cleanupIntervalMs })
}

export function setUpWebSession(config: Config, store: session.Store): Router {
  const router = Router()
  router.use(
    session({
      name: 'hub.sid',
      secret: config.session.secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.session.secureCookies, maxAge: SESSION_IDLE_MS },
    }),
  )
  return router
}
