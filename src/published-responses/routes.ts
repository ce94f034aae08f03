import { type Request, Router } from 'express'
import type { ConsultationService } from '../consultations/service'
import type { RouteDeps } from '../routes'
import { NotFoundError } from '../shared/errors'
import { cachedPage } from '../page-cache/middleware'
import { paginationFor } from '../shared/pagination'
import { listParamsSchema, listQuerySchema, responseParamsSchema } from './schemas'
import type { PublishedResponseService } from './service'

export const responsesPath = (slug: string, reference = '') =>
  `/consultations/${slug}/responses${reference ? `/${reference}` : ''}`

/** What a "Read responses" request asks for: the consultation, its published questions and the query. */
export async function readResponsesRequest(
  req: Request,
  consultations: ConsultationService,
  published: PublishedResponseService,
) {
  const params = listParamsSchema.safeParse(req.params)
  const consultation = params.success ? await consultations.getOverview(params.data.slug) : null
  if (!consultation) throw new NotFoundError('consultation')
  const query = listQuerySchema.parse(req.query)
  const questions = await published.publishedQuestions(consultation.id)
  const question = questions.find((candidate) => candidate.key === query.question)
  const list = await published.list(consultation.id, {
    search: query.q,
    questionId: question?.id,
    page: query.page,
  })
  return { consultation, questions, question, query, list }
}

/** "Read responses": the approved responses of a consultation, searchable, by question, and one at a time. */
export function publishedResponseRoutes({ services }: RouteDeps): Router {
  const { consultationService, publishedResponseService, pageCacheService } = services
  const router = Router()
  const cached = cachedPage(pageCacheService)

  router.get('/consultations/:slug/responses', cached, async (req, res) => {
    const { consultation, questions, question, query, list } = await readResponsesRequest(
      req,
      consultationService,
      publishedResponseService,
    )
    const base = responsesPath(consultation.slug)
    const hrefFor = (page: number) => {
      const params = new URLSearchParams({
        ...(query.q ? { q: query.q } : {}),
        ...(question ? { question: question.key } : {}),
        ...(page > 1 ? { page: String(page) } : {}),
      }).toString()
      return params ? `${base}?${params}` : base
    }
    res.render('published-responses/index', {
      consultation,
      questions,
      question,
      search: query.q ?? '',
      list,
      base,
      pagination: paginationFor(list.page, list.totalPages, hrefFor),
    })
  })

  router.get('/consultations/:slug/responses/:reference', cached, async (req, res) => {
    const params = responseParamsSchema.safeParse(req.params)
    const consultation = params.success ? await consultationService.getOverview(params.data.slug) : null
    const response =
      consultation && params.data
        ? await publishedResponseService.findPublished(consultation.id, params.data.reference)
        : null
    if (!consultation || !response) throw new NotFoundError('published response')
    res.render('published-responses/show', { consultation, response, base: responsesPath(consultation.slug) })
  })

  return router
}
