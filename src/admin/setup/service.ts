import type { Knex } from 'knex'
import type { AuditService } from '../../audit/service'
import { ADVISORY_LOCKS, withAdvisoryLock } from '../../db/locks'
import { hashToken, randomToken } from '../../shared/tokens'
import { hashPassword, passwordProblem } from '../auth/passwords'
import { publicUser, type UserRepository } from '../users/repository'
import type { User } from '../users/types'
import type { SetupTokenRepository } from './repository'
import type { FirstAdminForm } from './schema'

export const SETUP_LINK_LIFETIME_MS = 60 * 60 * 1000

export interface SetupServiceDeps {
  db: Knex
  setupTokens: SetupTokenRepository
  users: UserRepository
  audit: AuditService
  now: () => Date
}

/** What a set-up link leads to: the form, a page saying it has expired, or nothing once there is an officer. */
export type SetupLinkState = 'usable' | 'expired' | 'closed'

export type FirstAdminResult = { ok: true; user: User } | { ok: false; passwordProblem: string } | { ok: false }

/**
 * The first admin, made from a one-time link that the server logs when it starts with no officer, so that a
 * newcomer need not stop the server to run `npm run create-admin`. Each start issues its own link; all of
 * them stop working once any officer exists.
 */
export function createSetupService({ db, setupTokens, users, audit, now }: SetupServiceDeps) {
  async function linkState(token: string, trx: Knex = db): Promise<SetupLinkState> {
    if (await users.any(trx)) return 'closed'
    return (await setupTokens.isUnexpired(hashToken(token), now(), trx)) ? 'usable' : 'expired'
  }

  return {
    linkState,

    /** A new set-up link's token while there is no officer, else null. */
    async issueTokenIfNoOfficer(): Promise<string | null> {
      return db.transaction(async (trx) => {
        await setupTokens.deleteExpired(now(), trx)
        if (await users.any(trx)) return null
        const token = randomToken()
        await setupTokens.insert(hashToken(token), new Date(now().getTime() + SETUP_LINK_LIFETIME_MS), trx)
        return token
      })
    },

    /**
     * Makes the first admin if the link still works, spending every set-up link. Instances take turns under an
     * advisory lock, so two links used at once make one admin.
     */
    async createFirstAdmin(token: string, form: FirstAdminForm): Promise<FirstAdminResult> {
      if ((await linkState(token)) !== 'usable') return { ok: false }
      const problem = await passwordProblem(form.password, [form.email, form.displayName])
      if (problem) return { ok: false, passwordProblem: problem }
      const passwordHash = await hashPassword(form.password)
      return withAdvisoryLock(db, ADVISORY_LOCKS.firstAdmin, async (trx) => {
        if ((await linkState(token, trx)) !== 'usable') return { ok: false }
        await setupTokens.deleteAll(trx)
        const { email, displayName } = form
        const userId = await users.insert({ email, displayName, role: 'admin', passwordHash }, trx)
        const event = {
          action: 'user.first-admin',
          entityType: 'user',
          entityId: userId,
          after: { email, role: 'admin' },
        }
        await audit.record({ id: userId, email }, event, trx)
        const user = await users.findById(userId, trx)
        if (!user) throw new Error(`user ${userId} was not found after it was created`)
        return { ok: true, user: publicUser(user) }
      })
    },
  }
}

export type SetupService = ReturnType<typeof createSetupService>
