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

/** A new reference that no stored response has, trying again on the rare collision. */
export async function unusedReference(isTaken: (reference: string) => Promise<boolean>): Promise<string> {
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const reference = newResponseReference()
    if (!(await isTaken(reference))) return reference
  }
  throw new Error('Could not find an unused response reference')
}
