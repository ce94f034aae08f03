import pino from 'pino'

export type Logger = pino.Logger

export const REDACTED = '[redacted]'

/** Log fields that carry a session or a credential: pino writes REDACTED in their place. */
export const REDACTED_LOG_FIELDS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
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
