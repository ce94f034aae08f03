import type { DocumentFormat } from './document-formats'

export const CONSULTATION_STATUSES = ['open', 'forthcoming', 'closed'] as const
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number]

export const TAXONOMIES = ['wards', 'audiences', 'topics'] as const
export type Taxonomy = (typeof TAXONOMIES)[number]

export interface Term {
  slug: string
  name: string
}

export interface ConsultationSummary {
  id: number
  slug: string
  title: string
  summary: string
  opensAt: Date
  closesAt: Date
  status: ConsultationStatus
  isSample: boolean
  /** When the council expects to publish the outcome (We asked, You said, We did). */
  outcomeDueAt: Date
  outcomePublished: boolean
  /** Closed, without a published outcome, and past its due date. */
  outcomeOverdue: boolean
}

export interface Section {
  heading: string | null
  bodyMarkdown: string
}

export interface RelatedLink {
  title: string
  url: string
}

export interface DocumentMeta {
  id: number
  title: string
  filename: string
  contentType: string
  sizeBytes: number
  /** Null for a main document; otherwise the other format it is, such as easy read. */
  format: DocumentFormat | null
  /** The language of an `other_language` document. */
  formatLanguage: string | null
}

export interface Contact {
  name: string | null
  email: string | null
  phone: string | null
  address: string | null
}

export interface Feedback {
  weAsked: string
  youSaid: string
  weDid: string
  publishedAt: Date | null
  feedbackUpdatedAt: Date
  resultsUpdatedAt: Date | null
}

export interface ConsultationDetail extends ConsultationSummary {
  contact: Contact
  sections: Section[]
  links: RelatedLink[]
  documents: DocumentMeta[]
  terms: Record<Taxonomy, Term[]>
  feedback: Feedback | null
}

/** A consultation as an officer previews it, with when (if ever) it is published. */
export interface PreviewDetail extends ConsultationDetail {
  publishedAt: Date | null
}

export interface FeedbackItem {
  slug: string
  title: string
  weAsked: string
  feedbackUpdatedAt: Date
}

/** What a seed or an officer supplies to create a consultation. */
export interface NewConsultation {
  slug: string
  title: string
  summary: string
  opensAt: Date
  closesAt: Date
  /** 12 weeks after closing unless given. */
  outcomeDueAt?: Date
  publishedAt: Date | null
  isSample?: boolean
  contact: Contact
  sections: Section[]
  links: RelatedLink[]
  termSlugs: Record<Taxonomy, string[]>
  feedback: Feedback | null
}
