import crypto from 'node:crypto'

/** No 0/O, 1/I/L or 5/S: a reference read out over the phone cannot be misheard or mistyped. */
export const REFERENCE_ALPHABET = '2346789ABCDEFGHJKMNPQRTUVWXYZ'
export const REFERENCE_PATTERN = new RegExp(`^ANON-[${REFERENCE_ALPHABET}]{8}$`)

/** "ANON-" and eight random characters: unguessable, and not derived from the database id. */
export function newResponseReference(): string {
  let suffix = ''
  for (let i = 0; i < 8; i++) suffix += REFERENCE_ALPHABET.charAt(crypto.randomInt(REFERENCE_ALPHABET.length))
  return `ANON-${suffix}`
}

const REFERENCE_ATTEMPTS = 5
/** The unique index that keeps each response's reference its own. */
const REFERENCE_INDEX = 'responses_reference_unique'

const isReferenceTaken = (err: unknown) => {
  const failure = err as { code?: unknown; constraint?: unknown } | null
  return failure?.code === '23505' && failure.constraint === REFERENCE_INDEX
}

/**
 * Runs `store` (a transaction that stores a response) with a new reference, and again with another on the rare
 * collision with a stored one, which the reference's unique index refuses, rolling `store` back. Nothing is read
 * first: among 29^8 references a collision all but never happens, and a read would cost every response.
 */
export async function withNewReference<T>(
  store: (reference: string) => Promise<T>,
  newReference: () => string = newResponseReference,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store(newReference())
    } catch (err) {
      if (!isReferenceTaken(err) || attempt === REFERENCE_ATTEMPTS) throw err
    }
  }
}
