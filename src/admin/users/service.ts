import type { Knex } from 'knex'
import type { Actor, AuditService } from '../../audit/service'
import { hashToken, randomToken } from '../../shared/tokens'
import { hashPassword, type PasswordHashing } from '../auth/passwords'
import { publicUser, type UserRepository } from './repository'
import type { Role } from './roles'
import type { User } from './types'

export const RESET_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000

export interface UserServiceDeps {
  db: Knex
  users: UserRepository
  audit: AuditService
  now: () => Date
  /** The cost of the hashes it makes; production's unless given (tests give a cheaper one). */
  passwordHashing?: PasswordHashing
}

export type UserChangeResult = { ok: true } | { ok: false; error: string }

/** Admins' management of officer accounts. Every change is audited. */
export function createUserService({ db, users, audit, now, passwordHashing }: UserServiceDeps) {
  async function issueResetToken(userId: number, trx: Knex): Promise<string> {
    const token = randomToken()
    await users.update(
      userId,
      {
        password_reset_token_hash: hashToken(token),
        password_reset_expires_at: new Date(now().getTime() + RESET_LINK_LIFETIME_MS),
      },
      trx,
    )
    return token
  }

  /** Stops the last active admin from locking everyone out. */
  async function wouldRemoveLastAdmin(user: User, trx: Knex): Promise<boolean> {
    return user.role === 'admin' && user.active && (await users.countActiveAdmins(trx)) <= 1
  }

  return {
    list: () => users.list(),

    async get(id: number): Promise<User | null> {
      const user = await users.findById(id)
      return user ? publicUser(user) : null
    },

    /** Creates a user without a password and returns a one-time link token for them to set one. */
    async invite(
      actor: Actor | null,
      input: { email: string; displayName: string; role: Role },
    ): Promise<{ ok: true; userId: number; token: string } | { ok: false; error: string }> {
      if (await users.findByEmail(input.email))
        return { ok: false, error: 'A user with this email address already exists' }
      return db.transaction(async (trx) => {
        const userId = await users.insert({ ...input, passwordHash: null }, trx)
        const token = await issueResetToken(userId, trx)
        await audit.record(
          actor,
          {
            action: 'user.invite',
            entityType: 'user',
            entityId: userId,
            after: { ...input, email: input.email.toLowerCase() },
          },
          trx,
        )
        return { ok: true as const, userId, token }
      })
    },

    /** For the command line: a user with a password already set. */
    async createWithPassword(input: {
      email: string
      displayName: string
      role: Role
      password: string
    }): Promise<number> {
      const passwordHash = await hashPassword(input.password, passwordHashing)
      return db.transaction(async (trx) => {
        const userId = await users.insert({ ...input, passwordHash }, trx)
        await audit.record(
          null,
          {
            action: 'user.create',
            entityType: 'user',
            entityId: userId,
            after: { email: input.email, role: input.role },
          },
          trx,
        )
        return userId
      })
    },

    async changeRole(actor: Actor, id: number, role: Role): Promise<UserChangeResult> {
      return db.transaction(async (trx) => {
        const user = await users.findById(id, trx)
        if (!user) return { ok: false, error: 'No such user' }
        if (role !== 'admin' && (await wouldRemoveLastAdmin(user, trx)))
          return { ok: false, error: 'There must always be at least one active admin' }
        await users.update(id, { role }, trx)
        await audit.record(
          actor,
          { action: 'user.role', entityType: 'user', entityId: id, before: { role: user.role }, after: { role } },
          trx,
        )
        return { ok: true }
      })
    },

    /** Deactivated users are signed out on their next request: the session check reads this flag. */
    async setActive(actor: Actor, id: number, active: boolean): Promise<UserChangeResult> {
      return db.transaction(async (trx) => {
        const user = await users.findById(id, trx)
        if (!user) return { ok: false, error: 'No such user' }
        if (!active && (await wouldRemoveLastAdmin(user, trx)))
          return { ok: false, error: 'There must always be at least one active admin' }
        await users.update(
          id,
          { active, ...(active ? {} : { password_reset_token_hash: null, password_reset_expires_at: null }) },
          trx,
        )
        await audit.record(
          actor,
          {
            action: active ? 'user.reactivate' : 'user.deactivate',
            entityType: 'user',
            entityId: id,
            before: { active: user.active },
            after: { active },
          },
          trx,
        )
        return { ok: true }
      })
    },

    /** Issues a one-time password reset link token (shown to the admin, who passes it on). */
    async issuePasswordReset(actor: Actor, id: number): Promise<string | null> {
      return db.transaction(async (trx) => {
        const user = await users.findById(id, trx)
        if (!user?.active) return null
        const token = await issueResetToken(id, trx)
        await audit.record(actor, { action: 'user.password-reset-link', entityType: 'user', entityId: id }, trx)
        return token
      })
    },
  }
}

export type UserService = ReturnType<typeof createUserService>
