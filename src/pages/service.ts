import type { Knex } from 'knex'
import type { SettingsRepository } from '../admin/settings'
import type { Actor, AuditService } from '../audit/service'
import {
  ACCESSIBILITY_STATEMENT_KEY,
  type AccessibilityStatement,
  DEFAULT_ACCESSIBILITY_STATEMENT,
} from './accessibility'

/** Site pages whose content officers edit, kept in site_settings; each change is audited. */
export function createSitePageService({
  db,
  settings,
  audit,
}: {
  db: Knex
  settings: SettingsRepository
  audit: AuditService
}) {
  const accessibilityStatement = async (): Promise<AccessibilityStatement> => ({
    ...DEFAULT_ACCESSIBILITY_STATEMENT,
    ...(await settings.get<Partial<AccessibilityStatement>>(ACCESSIBILITY_STATEMENT_KEY, {})),
  })

  return {
    accessibilityStatement,

    async saveAccessibilityStatement(actor: Actor, statement: AccessibilityStatement): Promise<void> {
      const before = await accessibilityStatement()
      await db.transaction(async (trx) => {
        await settings.set(ACCESSIBILITY_STATEMENT_KEY, statement, trx)
        await audit.record(
          actor,
          {
            action: 'page.update',
            entityType: 'page',
            entityId: 'accessibility',
            before: { ...before },
            after: { ...statement },
          },
          trx,
        )
      })
    },
  }
}

export type SitePageService = ReturnType<typeof createSitePageService>
