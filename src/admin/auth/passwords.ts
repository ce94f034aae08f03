import argon2 from 'argon2'
import { onFirstUse } from '../../shared/on-first-use'

/** NCSC: a minimum length, no arbitrary complexity rules, a generous maximum, and a deny list. */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256
const MIN_STRENGTH_SCORE = 3

/** The strength checker and the deny list, loaded and built on first use: 0.2 s of CPU a process may never need. */
const strengthChecker = onFirstUse(async () => {
  const [{ ZxcvbnFactory }, common] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
  ])
  return {
    zxcvbn: new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
    commonPasswords: new Set(common.dictionary['passwords-common'].map((word) => word.toLowerCase())),
  }
})

/** Why a new password is not acceptable, or null when it is. */
export async function passwordProblem(password: string, context: string[] = []): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`
  const { zxcvbn, commonPasswords } = await strengthChecker()
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
