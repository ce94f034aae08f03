import crypto from 'node:crypto'

/** A random, URL-safe secret for one-time links and recovery codes. */
export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url')

/** High-entropy tokens need no slow hash: SHA-256 lets us look them up by their hash. */
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex')
