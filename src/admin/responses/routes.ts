import type { Request, Response, Router } from 'express'
import { NotFoundError } from '../../shared/errors'
import type { AdminConsultation } from '../../consultations/admin-types'
import type { RouteDeps } from '../../routes'
import { paginationFor } from '../../shared/pagination'
import { filterQuery, parseFilter } from '../../responses/filter'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { isValid } from '../../surveys/answer-schemas'
import { questionView } from '../../surveys/question-view'
import type { FieldValues } from '../../surveys/answers'
import type { Survey } from '../../surveys/types'
import { actorOf, flash, idParam, securedRouter } from '../access'
import { consultationOf } from '../loaders'
import { confirmDeleteSchema, listPageSchema } from './schemas'
import { paperPages } from './service'
import { PUBLISHING_CONSENT_LABELS } from '../../surveys/publishing'

const responsesUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/responses${rest}`

/** The list's query string for another page, keeping the filters. */
const queryFor = (filterText: string, page: number): string =>
  [filterText, page > 1 ? `page=${page}` : '']
    .filter(Boolean)
    .join('&')
    .replace(/^(?=.)/, '?')

/** Responses: the filtered list, one response in full, paper entry and deletion. */
export function responseAdminRoutes(deps: RouteDeps): Router {
  const responses = deps.services.responseAdminService
  const routes = securedRouter(deps)

  /** The consultation's survey, for paper entry; a consultation without one has no paper form. */
  async function surveyFor(consultation: AdminConsultation): Promise<Survey> {
    const survey = await responses.survey(consultation.id)
    if (!survey || survey.pages.length === 0) throw new NotFoundError('survey')
    return survey
  }

  routes.get('/admin/consultations/:id/responses', async (req, res) => {
    const consultation = consultationOf(res)
    const { filter, values, errors } = parseFilter(req.query)
    const list = await responses.list(consultation.id, filter, listPageSchema.parse(req.query.page))
    const base = responsesUrl(consultation.id)
    const query = filterQuery(filter)
    res.status(errors.errorSummaryItems.length > 0 ? 400 : 200).render('admin/responses/list', {
      pageTitle: `Responses: ${consultation.title}`,
      consultation,
      list,
      values,
      base,
      query,
      pagination: paginationFor(list.page, list.totalPages, (page) => base + queryFor(query, page)),
      ...errors,
    })
  })

  function renderPaper(
    res: Response,
    consultation: AdminConsultation,
    survey: Survey,
    { status = 200, values = {}, errors }: { status?: number; values?: FieldValues; errors?: FormErrors } = {},
  ) {
    res.status(status).render('admin/responses/paper', {
      pageTitle: `Enter a paper response: ${consultation.title}`,
      consultation,
      sections: paperPages(survey).map((page) => ({
        title: page.title,
        questions: page.questions.map((question) =>
          questionView({ ...question, required: true }, values, errors?.fieldErrors ?? {}),
        ),
      })),
      action: responsesUrl(consultation.id, '/paper'),
      errorSummaryItems: errors?.errorSummaryItems,
    })
  }

  routes.get('/admin/consultations/:id/responses/paper', async (req, res) => {
    const consultation = consultationOf(res)
    const survey = await surveyFor(consultation)
    renderPaper(res, consultation, survey)
  })

  routes.post('/admin/consultations/:id/responses/paper', async (req, res) => {
    const consultation = consultationOf(res)
    const survey = await surveyFor(consultation)
    const { fields, validation, values } = responses.validatePaper(survey, req.body)
    if (!isValid(validation))
      return renderPaper(res, consultation, survey, { status: 400, values: fields, errors: validation.errors })
    const stored = await responses.enterPaper(actorOf(res), consultation.id, survey, values)
    flash(req, `Paper response ${stored.reference} saved`)
    res.redirect(303, responsesUrl(consultation.id, `/${stored.id}`))
  })

  async function loadResponse(req: Request, res: Response) {
    const consultation = consultationOf(res)
    const responseId = idParam(req, 'responseId')
    const found = responseId ? await responses.get(consultation.id, responseId) : null
    if (!found) throw new NotFoundError('response')
    return { consultation, ...found }
  }

  routes.get('/admin/consultations/:id/responses/:responseId', async (req, res) => {
    const found = await loadResponse(req, res)
    res.render('admin/responses/show', {
      pageTitle: `Response ${found.response.reference}`,
      ...found,
      consentLabels: PUBLISHING_CONSENT_LABELS,
      base: responsesUrl(found.consultation.id),
    })
  })

  const renderDelete = (
    res: Response,
    found: NonNullable<Awaited<ReturnType<typeof loadResponse>>>,
    status = 200,
    errors?: FormErrors,
  ) =>
    res.status(status).render('admin/responses/delete', {
      pageTitle: `Delete response ${found.response.reference}?`,
      ...found,
      base: responsesUrl(found.consultation.id),
      ...(errors ?? {}),
    })

  routes.get('/admin/consultations/:id/responses/:responseId/delete', async (req, res) => {
    renderDelete(res, await loadResponse(req, res))
  })

  routes.post('/admin/consultations/:id/responses/:responseId/delete', async (req, res) => {
    const found = await loadResponse(req, res)
    const parsed = confirmDeleteSchema.safeParse(req.body ?? {})
    if (!parsed.success) return renderDelete(res, found, 400, formErrorsOf(parsed.error))
    if (parsed.data.confirm === 'no')
      return res.redirect(303, responsesUrl(found.consultation.id, `/${found.response.id}`))
    await responses.delete(actorOf(res), found.consultation.id, found.response.id)
    flash(req, `Response ${found.response.reference} deleted`)
    res.redirect(303, responsesUrl(found.consultation.id))
  })
  return routes.router
}
