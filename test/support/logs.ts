import { createLogger, type Logger } from '../../src/logger'

export interface CapturedLogs {
  logger: Logger
  /** Every line written so far, as written. */
  text(): string
  /** Every line written so far, parsed. */
  entries(): Record<string, unknown>[]
}

/** A logger as production builds it, at the most talkative level, writing to memory. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = []
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) })
  return {
    logger,
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}
