import argon2 from 'argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as zxcvbnCommon from '@zxcvbn-ts/language-common'

/** NCSC: a minimum length, no arbitrary complexity rules, a generous maximum, and a deny list. */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256
const MIN_STRENGTH_SCORE = 3

/** The strength checker and the deny list, built on first use: 0.16 s of CPU a process that never needs them. */
let checker: { zxcvbn: ZxcvbnFactory; commonPasswords: Set<string> } | undefined
function strengthChecker() {
  checker ??= {
    zxcvbn: new ZxcvbnFactory({ dictionary: zxcvbnCommon.dictionary, graphs: zxcvbnCommon.adjacencyGraphs }),
    commonPasswords: new Set(zxcvbnCommon.dictionary['passwords-common'].map((word) => word.toLowerCase())),
  }
  return checker
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`
  const { zxcvbn, commonPasswords } = strengthChecker()
  if (commonPasswords.has(password.toLowerCase()) || zxcvbn.check(password, context).score < MIN_STRENGTH_SCORE) {
    return 'Password is too common or easy to guess. Try three random words'
  }
  return null
}

/** argon2id's cost: memory in KiB, passes and lanes. */
export interface PasswordHashing {
  memoryCost: number
  timeCost: number
  parallelism: number
}

/** OWASP's first argon2id choice is 19 MiB and 2 passes; these are argon2's defaults, above it: 64 MiB, 3, 4. */
export const PASSWORD_HASHING: PasswordHashing = { memoryCost: 65536, timeCost: 3, parallelism: 4 }

/** A hash carries its own cost, so a check costs what the hash was made with. */
export const hashPassword = (password: string, hashing: PasswordHashing = PASSWORD_HASHING): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, ...hashing })

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check when there is no account, so timing does not tell. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('no account has this password, it only spends time')
  await verifyPassword(await dummyHash, password)
  return false
}
