import type { DocumentFormat } from './document-formats'
import type { ConsultationStatus, Contact, DocumentMeta, RelatedLink, Section, Taxonomy } from './types'

/** What an officer edits: everything about a consultation except its documents and feedback. */
export interface ConsultationDraft {
  slug: string
  title: string
  summary: string
  opensAt: Date
  closesAt: Date
  /** The London day an officer chose for the outcome; null for the default, 12 weeks after closing. */
  outcomeDueOn: string | null
  contact: Contact
  sections: Section[]
  links: RelatedLink[]
  termSlugs: Record<Taxonomy, string[]>
  retentionMonths: number
  /** The officer who owns it and gets its emails; undefined when a save leaves it as it was. */
  ownerId?: number | null
}

export interface AdminConsultation extends ConsultationDraft {
  id: number
  status: ConsultationStatus
  outcomeDueAt: Date
  outcomePublished: boolean
  outcomeOverdue: boolean
  publishedAt: Date | null
  isSample: boolean
  ownerId: number | null
  ownerName: string | null
  documents: DocumentMeta[]
  updatedAt: Date
}

export interface AdminListItem {
  id: number
  slug: string
  title: string
  status: ConsultationStatus
  outcomePublished: boolean
  opensAt: Date
  closesAt: Date
  publishedAt: Date | null
  responseCount: number
}

export const PUBLICATION_FILTERS = ['draft', 'published'] as const

export interface AdminListFilter {
  status?: ConsultationStatus | (typeof PUBLICATION_FILTERS)[number]
  text?: string
}

export interface NewDocument {
  title: string
  format?: DocumentFormat | null
  formatLanguage?: string | null
  filename: string
  contentType: string
  content: Buffer
}

export interface StoredDocument extends DocumentMeta {
  consultationId: number
  content: Buffer
}
