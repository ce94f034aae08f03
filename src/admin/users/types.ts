import type { Role } from './roles'

export interface User {
  id: number
  email: string
  displayName: string
  role: Role
  active: boolean
  totpEnabled: boolean
  lastSignedInAt: Date | null
  createdAt: Date
  /** Sessions signed in under an older generation have ended (a password change or reset). */
  sessionGeneration: number
}

/** A user with the secrets only the sign-in service reads. */
export interface UserWithSecrets extends User {
  passwordHash: string | null
  totpSecret: string | null
}
