import type { readResponsesRequest } from '../published-responses/routes'
import { responsesPath } from '../published-responses/routes'
import { PUBLIC_PAGE_SIZE } from '../published-responses/service'

type ReadResponses = Awaited<ReturnType<typeof readResponsesRequest>>

/** A page of a consultation's published responses, each with its stable web address and its published answers. */
export function publishedResponsesResource({ consultation, list }: ReadResponses, baseUrl: string) {
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    responses: list.responses.map((response) => ({
      reference: response.reference,
      url: new URL(responsesPath(consultation.slug, response.reference), baseUrl).href,
      publishedAs: response.publishedAs,
      submittedAt: response.submittedAt.toISOString(),
      answers: response.answers.map(({ question, lines }) => ({
        question: question.key,
        title: question.title,
        answer: lines,
      })),
    })),
    total: list.total,
    page: list.page,
    pageSize: PUBLIC_PAGE_SIZE,
  }
}
