import type { Knex } from 'knex'
import type { Actor, AuditService } from '../../audit/service'
import type { RateLimiter } from '../../rate-limit/service'
import type { SignInBackoff } from './sign-in-backoff'
import { hashToken, randomToken } from '../../shared/tokens'
import { REQUIRE_TWO_FACTOR, type SettingsRepository } from '../settings'
import { publicUser, type UserRepository } from '../users/repository'
import type { User } from '../users/types'
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './passwords'
import { newTotpSecret, verifyTotp } from './totp'

export const RECOVERY_CODE_COUNT = 10

export interface AuthServiceDeps {
  db: Knex
  users: UserRepository
  settings: SettingsRepository
  audit: AuditService
  signInBackoff: SignInBackoff
  totpLimiter: RateLimiter
  now: () => Date
}

export type SignInResult =
  | { kind: 'signed-in'; user: User; needsSecondFactor: boolean }
  | { kind: 'rejected' }
  | { kind: 'limited'; retryAt: Date }

const actorOf = (user: User): Actor => ({ id: user.id, email: user.email })

/** Sign-in, second factor, password changes and resets. Never says whether an account exists. */
export function createAuthService({ db, users, settings, audit, signInBackoff, totpLimiter, now }: AuthServiceDeps) {
  return {
    async signIn(email: string, password: string, ip: string): Promise<SignInResult> {
      const account = email.trim().toLowerCase()
      const attempt = await signInBackoff.take(account, ip)
      if (!attempt.allowed) return { kind: 'limited', retryAt: attempt.retryAt }
      const user = await users.findByEmail(account)
      const valid =
        user?.active && user.passwordHash
          ? await verifyPassword(user.passwordHash, password)
          : await verifyAgainstNothing(password)
      if (!user || !valid) return { kind: 'rejected' }
      await signInBackoff.succeeded(account, ip)
      return { kind: 'signed-in', user: publicUser(user), needsSecondFactor: user.totpEnabled }
    },

    /** Checks an authenticator code, or else a one-time recovery code; each try is counted before the check. */
    async verifySecondFactor(userId: number, code: string): Promise<'ok' | 'rejected' | 'limited'> {
      const key = String(userId)
      if (await totpLimiter.hit(key)) return 'limited'
      const user = await users.findById(userId)
      if (!user?.active || !user.totpSecret) return 'rejected'
      const trimmed = code.trim()
      const ok =
        verifyTotp(user.totpSecret, trimmed, now()) ||
        (await users.useRecoveryCode(userId, hashToken(trimmed.toLowerCase()), now()))
      if (!ok) return 'rejected'
      await totpLimiter.reset(key)
      return 'ok'
    },

    async recordSignIn(user: User): Promise<void> {
      await db.transaction(async (trx) => {
        await users.update(user.id, { last_signed_in_at: now() }, trx)
        await audit.record(actorOf(user), { action: 'auth.sign-in', entityType: 'user', entityId: user.id }, trx)
      })
    },

    /** The signed-in officer, or null if the account has gone or been deactivated. */
    async currentUser(userId: number): Promise<User | null> {
      const user = await users.findById(userId)
      return user?.active ? publicUser(user) : null
    },

    isTwoFactorRequired: () => settings.get<boolean>(REQUIRE_TWO_FACTOR, false),

    async setTwoFactorRequired(actor: Actor, required: boolean): Promise<void> {
      const before = await settings.get<boolean>(REQUIRE_TWO_FACTOR, false)
      await db.transaction(async (trx) => {
        await settings.set(REQUIRE_TWO_FACTOR, required, trx)
        await audit.record(
          actor,
          {
            action: 'settings.require-two-factor',
            entityType: 'settings',
            entityId: REQUIRE_TWO_FACTOR,
            before: { required: before },
            after: { required },
          },
          trx,
        )
      })
    },

    newTotpSecret,

    /** Turns on two-factor sign-in if the code matches the new secret; returns recovery codes to show once. */
    async enableTwoFactor(user: User, secret: string, code: string): Promise<string[] | null> {
      if (!verifyTotp(secret, code, now())) return null
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomToken(8).toLowerCase())
      await db.transaction(async (trx) => {
        await users.update(user.id, { totp_secret: secret, totp_enabled_at: now() }, trx)
        await users.replaceRecoveryCodes(user.id, codes.map(hashToken), trx)
        await audit.record(actorOf(user), { action: 'user.two-factor-on', entityType: 'user', entityId: user.id }, trx)
      })
      return codes
    },

    async disableTwoFactor(user: User): Promise<void> {
      await db.transaction(async (trx) => {
        await users.update(user.id, { totp_secret: null, totp_enabled_at: null }, trx)
        await users.replaceRecoveryCodes(user.id, [], trx)
        await audit.record(actorOf(user), { action: 'user.two-factor-off', entityType: 'user', entityId: user.id }, trx)
      })
    },

    countRecoveryCodes: (userId: number) => users.countUnusedRecoveryCodes(userId),

    passwordProblem,

    /** The user a one-time link belongs to, if it is unused and unexpired. */
    async userForResetToken(token: string): Promise<User | null> {
      const user = await users.findByResetToken(hashToken(token), now())
      return user ? publicUser(user) : null
    },

    /** Sets a new password from a one-time link, which is then spent. */
    async resetPassword(
      token: string,
      password: string,
    ): Promise<{ ok: true; user: User } | { ok: false; error: string }> {
      const user = await users.findByResetToken(hashToken(token), now())
      if (!user) return { ok: false, error: 'This link has expired or been used. Ask an admin for a new one' }
      const problem = await passwordProblem(password, [user.email])
      if (problem) return { ok: false, error: problem }
      const hash = await hashPassword(password)
      await db.transaction(async (trx) => {
        await users.update(
          user.id,
          { password_hash: hash, password_reset_token_hash: null, password_reset_expires_at: null },
          trx,
        )
        await users.nextSessionGeneration(user.id, trx)
        await audit.record(actorOf(user), { action: 'user.password-set', entityType: 'user', entityId: user.id }, trx)
      })
      return { ok: true, user: publicUser(user) }
    },

    async changePassword(
      user: User,
      current: string,
      next: string,
    ): Promise<
      { ok: true; sessionGeneration: number } | { ok: false; field: 'currentPassword' | 'newPassword'; error: string }
    > {
      const stored = await users.findById(user.id)
      if (!stored?.passwordHash || !(await verifyPassword(stored.passwordHash, current))) {
        return { ok: false, field: 'currentPassword', error: 'Your current password is not right' }
      }
      const problem = await passwordProblem(next, [user.email])
      if (problem) return { ok: false, field: 'newPassword', error: problem }
      const hash = await hashPassword(next)
      const sessionGeneration = await db.transaction(async (trx) => {
        await users.update(user.id, { password_hash: hash }, trx)
        await audit.record(
          actorOf(user),
          { action: 'user.password-change', entityType: 'user', entityId: user.id },
          trx,
        )
        return users.nextSessionGeneration(user.id, trx)
      })
      return { ok: true, sessionGeneration }
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
