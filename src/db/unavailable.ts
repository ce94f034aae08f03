/**
 * Whether an error means the database cannot be reached or is not serving: refused or dropped connections,
 * PostgreSQL shutting down or starting up, no pooled connection free in time, or a statement cut off by
 * its timeout. These are the service's fault, not the request's, and pass once the database is back.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
])

/**
 * SQLSTATE classes and codes: 08 connection exception, 53300 too many connections, 57014 query cancelled
 * (statement_timeout), 57P01–57P03 admin shutdown, crash shutdown, cannot connect now.
 */
const SQLSTATE_PATTERN = /^(08...|53300|57014|57P0[1-3])$/

const DROPPED_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  // pg's own timeouts: connecting (connectionTimeoutMillis) and a hung server (query_timeout).
  'timeout expired',
  'Query read timeout',
]

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const { code } = err as { code?: unknown }
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE_PATTERN.test(code))) return true
  if (err.name === 'KnexTimeoutError') return true
  if (DROPPED_CONNECTION_MESSAGES.some((message) => err.message.includes(message))) return true
  return err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)
}
