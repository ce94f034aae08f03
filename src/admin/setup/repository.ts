import type { Knex } from 'knex'

/** The hashes of the one-time links for making the first admin, and when each stops working. */
export function createSetupTokenRepository(db: Knex) {
  return {
    async insert(tokenHash: string, expiresAt: Date, trx: Knex = db): Promise<void> {
      await trx('setup_tokens').insert({ token_hash: tokenHash, expires_at: expiresAt })
    },

    async isUnexpired(tokenHash: string, now: Date, trx: Knex = db): Promise<boolean> {
      const row = await trx('setup_tokens')
        .where('token_hash', tokenHash)
        .where('expires_at', '>', now)
        .first<{ token_hash: string } | undefined>('token_hash')
      return row !== undefined
    },

    async deleteExpired(now: Date, trx: Knex = db): Promise<void> {
      await trx('setup_tokens').where('expires_at', '<=', now).delete()
    },

    async deleteAll(trx: Knex = db): Promise<void> {
      await trx('setup_tokens').delete()
    },
  }
}

export type SetupTokenRepository = ReturnType<typeof createSetupTokenRepository>
