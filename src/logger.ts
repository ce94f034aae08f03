import pino from 'pino'

export type Logger = pino.Logger

export const REDACTED = '[redacted]'

/**
 * Log fields that carry a session or a credential, or the values a statement was given, which can be a resident's
 * words or a password hash: a PostgreSQL error's detail and context, and the parameters PGlite's errors carry.
 * pino writes REDACTED in their place.
 */
export const REDACTED_LOG_FIELDS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  ...['detail', 'where', 'params'].flatMap((field) => [`err.${field}`, `err.cause.${field}`]),
]

/** Writes JSON lines to `destination` (standard output unless one is given, as tests do). */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_LOG_FIELDS, censor: REDACTED },
  }
  return destination ? pino(options, destination) : pino(options)
}
