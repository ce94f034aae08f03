import type { ConsultationDetail, ConsultationSummary, Taxonomy, Term } from '../consultations/types'

/** One consultation as the open-data API gives it: stable names, ISO 8601 instants, absolute URLs. */
export function consultationResource(
  consultation: ConsultationSummary & { terms: Record<Taxonomy, Term[]> },
  baseUrl: string,
) {
  return {
    slug: consultation.slug,
    title: consultation.title,
    status: consultation.status,
    opensAt: consultation.opensAt.toISOString(),
    closesAt: consultation.closesAt.toISOString(),
    summary: consultation.summary,
    url: `${baseUrl}/consultations/${consultation.slug}`,
    isSample: consultation.isSample,
    wards: consultation.terms.wards.map(termResource),
    audiences: consultation.terms.audiences.map(termResource),
    topics: consultation.terms.topics.map(termResource),
  }
}

const termResource = (term: Term) => ({ name: term.name, slug: term.slug })

/** The detail adds the sections (as Markdown), related links and any published feedback. */
export function consultationDetailResource(consultation: ConsultationDetail, baseUrl: string) {
  const { feedback } = consultation
  return {
    ...consultationResource(consultation, baseUrl),
    sections: consultation.sections.map((section) => ({
      heading: section.heading,
      bodyMarkdown: section.bodyMarkdown,
    })),
    links: consultation.links.map((link) => ({ title: link.title, url: link.url })),
    feedback: feedback
      ? {
          weAsked: feedback.weAsked,
          youSaid: feedback.youSaid,
          weDid: feedback.weDid,
          publishedAt: feedback.publishedAt?.toISOString() ?? null,
          feedbackUpdatedAt: feedback.feedbackUpdatedAt.toISOString(),
          resultsUpdatedAt: feedback.resultsUpdatedAt?.toISOString() ?? null,
        }
      : null,
  }
}
