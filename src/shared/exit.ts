import { ActionableError } from './errors'

/** Ends a command that cannot go on: a problem the user can put right in a sentence, anything else in full. */
export function exitWithError(err: unknown): never {
  console.error(err instanceof ActionableError ? err.message : err)
  process.exit(1)
}
