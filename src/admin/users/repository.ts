import type { Knex } from 'knex'
import { onlyRow } from '../../db/rows'
import type { Role } from './roles'
import type { User, UserWithSecrets } from './types'

interface UserRow {
  id: number
  email: string
  display_name: string
  role: Role
  active: boolean
  password_hash: string | null
  totp_secret: string | null
  totp_enabled_at: Date | null
  last_signed_in_at: Date | null
  session_generation: number
  created_at: Date
}

const toUser = (row: UserRow): UserWithSecrets => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  active: row.active,
  totpEnabled: row.totp_enabled_at != null,
  lastSignedInAt: row.last_signed_in_at ? new Date(row.last_signed_in_at) : null,
  createdAt: new Date(row.created_at),
  sessionGeneration: row.session_generation,
  passwordHash: row.password_hash,
  totpSecret: row.totp_secret,
})

/** Drops the secrets before a user leaves the service layer. */
export const publicUser = (user: UserWithSecrets): User => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  active: user.active,
  totpEnabled: user.totpEnabled,
  lastSignedInAt: user.lastSignedInAt,
  createdAt: user.createdAt,
  sessionGeneration: user.sessionGeneration,
})

export interface UserChanges {
  role?: Role
  active?: boolean
  password_hash?: string
  totp_secret?: string | null
  totp_enabled_at?: Date | null
  password_reset_token_hash?: string | null
  password_reset_expires_at?: Date | null
  last_signed_in_at?: Date
}

export function createUserRepository(db: Knex) {
  return {
    async findById(id: number, trx: Knex = db): Promise<UserWithSecrets | null> {
      const row = await trx<UserRow>('users').where({ id }).first()
      return row ? toUser(row) : null
    },

    async findByEmail(email: string): Promise<UserWithSecrets | null> {
      const row = await db<UserRow>('users').where({ email: email.toLowerCase() }).first()
      return row ? toUser(row) : null
    },

    async findByResetToken(tokenHash: string, now: Date): Promise<UserWithSecrets | null> {
      const row = await db<UserRow>('users')
        .where('password_reset_token_hash', tokenHash)
        .where('active', true)
        .where('password_reset_expires_at', '>', now)
        .first()
      return row ? toUser(row) : null
    },

    async list(): Promise<User[]> {
      const rows = await db<UserRow>('users').orderBy('email')
      return rows.map((row) => publicUser(toUser(row)))
    },

    async insert(
      user: { email: string; displayName: string; role: Role; passwordHash: string | null },
      trx: Knex = db,
    ): Promise<number> {
      const rows = await trx('users')
        .insert({
          email: user.email.toLowerCase(),
          display_name: user.displayName,
          role: user.role,
          password_hash: user.passwordHash,
        })
        .returning<{ id: number }[]>('id')
      return onlyRow(rows).id
    },

    async update(id: number, changes: UserChanges, trx: Knex = db): Promise<void> {
      await trx('users')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now() })
    },

    /** Ends every session of the user (see loadOfficer); returns the new generation, for the session to keep. */
    async nextSessionGeneration(id: number, trx: Knex = db): Promise<number> {
      const rows = await trx('users')
        .where({ id })
        .increment('session_generation', 1)
        .returning<{ session_generation: number }[]>('session_generation')
      return onlyRow(rows).session_generation
    },

    async replaceRecoveryCodes(userId: number, codeHashes: string[], trx: Knex = db): Promise<void> {
      await trx('user_recovery_codes').where({ user_id: userId }).delete()
      if (codeHashes.length > 0)
        await trx('user_recovery_codes').insert(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    },

    /** Marks an unused recovery code as used; true if there was one. */
    async useRecoveryCode(userId: number, codeHash: string, now: Date): Promise<boolean> {
      const updated = await db('user_recovery_codes')
        .where({ user_id: userId, code_hash: codeHash })
        .whereNull('used_at')
        .update({ used_at: now })
      return updated > 0
    },

    async countUnusedRecoveryCodes(userId: number): Promise<number> {
      const row = await db('user_recovery_codes')
        .where({ user_id: userId })
        .whereNull('used_at')
        .count<{ count: string | number }[]>({ count: '*' })
        .first()
      return Number(row?.count ?? 0)
    },

    /** Whether any officer account exists, active or not. */
    async any(trx: Knex = db): Promise<boolean> {
      return (await trx('users').first('id')) !== undefined
    },

    async countActiveAdmins(trx: Knex = db): Promise<number> {
      const row = await trx('users')
        .where({ role: 'admin', active: true })
        .count<{ count: string | number }[]>({ count: '*' })
        .first()
      return Number(row?.count ?? 0)
    },
  }
}

export type UserRepository = ReturnType<typeof createUserRepository>
