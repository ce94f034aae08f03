import type { Request, Response } from 'express'
import type { AdminConsultation } from '../../consultations/admin-types'
import type { ConsultationService } from '../../consultations/service'
import { paginationFor } from '../../shared/pagination'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { questionView } from '../../surveys/question-view'
import type { FieldValues } from '../../surveys/answers'
import type { Survey } from '../../surveys/types'
import { actorOf, flash, idParam, type SecuredRouter } from '../access'
import { filterQuery, parseFilter } from '../../responses/filter'
import { confirmDeleteSchema, listPageSchema } from './schemas'
import { paperPages, type ResponseAdminService } from './service'

const responsesUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/responses${rest}`

/** The list's query string for another page, keeping the filters. */
const queryFor = (filterText: string, page: number): string =>
  [filterText, page > 1 ? `page=${page}` : ''].filter(Boolean).join('&').replace(/^(?=.)/, '?')

/** Responses: the filtered list, one response in full, paper entry and deletion. */
export function responseAdminRoutes(routes: SecuredRouter, consultations: ConsultationService, responses: ResponseAdminService): void {
  async function loadConsultation(req: Request, res: Response): Promise<AdminConsultation | null> {
    const id = idParam(req, 'id')
    const consultation = id ? await consultations.getForAdmin(id) : null
    if (!consultation) res.status(404).render('errors/404')
    return consultation
  }

  routes.get('/admin/consultations/:id/responses', async (req, res) => {
    const consultation = await loadConsultation(req, res)
    if (!consultation) return
    const { filter, values, errors } = parseFilter(req.query)
    const list = await responses.list(consultation.id, filter, listPageSchema.parse(req.query.page))
    const base = responsesUrl(consultation.id)
    const query = filterQuery(filter)
    res.status(errors.errorSummaryItems.length > 0 ? 400 : 200).render('admin/responses/list', {
      pageTitle: `Responses: ${consultation.title}`,
      consultation, list, values, base, query,
      pagination: paginationFor(list.page, list.totalPages, (page) => base + queryFor(query, page)),
      ...errors,
    })
  })

  function renderPaper(res: Response, consultation: AdminConsultation, survey: Survey, status = 200, values: FieldValues = {}, errors: Record<string, string> = {}, errorList?: FormErrors['errorSummaryItems']) {
    res.status(status).render('admin/responses/paper', {
      pageTitle: `Enter a paper response: ${consultation.title}`,
      consultation,
      sections: paperPages(survey).map((page) => ({ title: page.title, questions: page.questions.map((question) => questionView({ ...question, required: true }, values, errors)) })),
      action: responsesUrl(consultation.id, '/paper'),
      errorSummaryItems: errorList,
    })
  }

  routes.get('/admin/consultations/:id/responses/paper', async (req, res) => {
    const consultation = await loadConsultation(req, res)
    if (!consultation) return
    const survey = await responses.survey(consultation.id)
    if (!survey || survey.pages.length === 0) return void res.status(404).render('errors/404')
    renderPaper(res, consultation, survey)
  })

  routes.post('/admin/consultations/:id/responses/paper', async (req, res) => {
    const consultation = await loadConsultation(req, res)
    if (!consultation) return
    const survey = await responses.survey(consultation.id)
    if (!survey || survey.pages.length === 0) return void res.status(404).render('errors/404')
    const { fields, validation, values } = responses.validatePaper(survey, req.body)
    if (validation.errorList.length > 0) return renderPaper(res, consultation, survey, 400, fields, validation.fieldErrors, validation.errorList)
    const stored = await responses.enterPaper(actorOf(res), consultation.id, survey, values)
    flash(req, `Paper response ${stored.reference} saved`)
    res.redirect(303, responsesUrl(consultation.id, `/${stored.id}`))
  })

  async function loadResponse(req: Request, res: Response) {
    const consultation = await loadConsultation(req, res)
    if (!consultation) return null
    const responseId = idParam(req, 'responseId')
    const found = responseId ? await responses.get(consultation.id, responseId) : null
    if (!found) {
      res.status(404).render('errors/404')
      return null
    }
    return { consultation, ...found }
  }

  routes.get('/admin/consultations/:id/responses/:responseId', async (req, res, next) => {
    if (req.params.responseId === 'paper') return next()
    const found = await loadResponse(req, res)
    if (found) res.render('admin/responses/show', { pageTitle: `Response ${found.response.reference}`, ...found, base: responsesUrl(found.consultation.id) })
  })

  const renderDelete = (res: Response, found: NonNullable<Awaited<ReturnType<typeof loadResponse>>>, status = 200, errors?: FormErrors) =>
    res.status(status).render('admin/responses/delete', { pageTitle: `Delete response ${found.response.reference}?`, ...found, base: responsesUrl(found.consultation.id), ...(errors ?? {}) })

  routes.get('/admin/consultations/:id/responses/:responseId/delete', async (req, res) => {
    const found = await loadResponse(req, res)
    if (found) renderDelete(res, found)
  })

  routes.post('/admin/consultations/:id/responses/:responseId/delete', async (req, res) => {
    const found = await loadResponse(req, res)
    if (!found) return
    const parsed = confirmDeleteSchema.safeParse(req.body ?? {})
    if (!parsed.success) return renderDelete(res, found, 400, formErrorsOf(parsed.error))
    if (parsed.data.confirm === 'no') return res.redirect(303, responsesUrl(found.consultation.id, `/${found.response.id}`))
    await responses.delete(actorOf(res), found.consultation.id, found.response.id)
    flash(req, `Response ${found.response.reference} deleted`)
    res.redirect(303, responsesUrl(found.consultation.id))
  })
}
