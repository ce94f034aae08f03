import type { ConsultationStatus, Contact, DocumentMeta, RelatedLink, Section, Taxonomy } from './types'

/** What an officer edits: everything about a consultation except its documents and feedback. */
export interface ConsultationDraft {
  slug: string
  title: string
  summary: string
  opensAt: Date
  closesAt: Date
  contact: Contact
  sections: Section[]
  links: RelatedLink[]
  termSlugs: Record<Taxonomy, string[]>
  retentionMonths: number
}

export interface AdminConsultation extends ConsultationDraft {
  id: number
  status: ConsultationStatus
  publishedAt: Date | null
  isSample: boolean
  documents: DocumentMeta[]
  updatedAt: Date
}

export interface AdminListItem {
  id: number
  slug: string
  title: string
  status: ConsultationStatus
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
  filename: string
  contentType: string
  content: Buffer
}

export interface StoredDocument extends DocumentMeta {
  consultationId: number
  content: Buffer
}
