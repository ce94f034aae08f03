import type { ModerationStatus } from './repository'

export const MODERATION_STATUS_LABELS: Record<ModerationStatus, string> = {
  awaiting: 'Awaiting moderation',
  approved: 'Published',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
}
