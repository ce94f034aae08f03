import type { Request, Response, Router } from 'express'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import { formErrorsFrom, type FormErrors } from '../../shared/form-errors'
import { paginationFor } from '../../shared/pagination'
import { PUBLISHING_CONSENT_LABELS } from '../../surveys/publishing'
import { actorOf, flash, idParam, securedRouter } from '../access'
import { formBody, formField } from '../form-body'
import { consultationOf } from '../loaders'
import { listPageSchema } from '../responses/schemas'
import { MODERATION_STATUS_LABELS } from '../../published-responses/labels'
import { decisionSchema, redactionSchema } from './schemas'

const moderationUrl = (consultationId: number, rest = '') => `/admin/consultations/${consultationId}/moderation${rest}`
const DONE: Record<string, string> = { approve: 'published', reject: 'rejected', withdraw: 'withdrawn' }
const labels = { consentLabels: PUBLISHING_CONSENT_LABELS, statusLabels: MODERATION_STATUS_LABELS }

/** Moderation: the queue of responses whose residents were asked, approving, rejecting, redacting, withdrawing. */
export function moderationAdminRoutes(deps: RouteDeps): Router {
  const moderation = deps.services.publishedResponseService
  const routes = securedRouter(deps)

  routes.get('/admin/consultations/:id/moderation', async (req, res) => {
    const consultation = consultationOf(res)
    const queue = await moderation.queue(consultation.id, listPageSchema.parse(req.query.page))
    const base = moderationUrl(consultation.id)
    res.render('admin/moderation/index', {
      pageTitle: `Moderation: ${consultation.title}`,
      consultation,
      queue,
      base,
      ...labels,
      pagination: paginationFor(queue.page, queue.totalPages, (page) => base + (page > 1 ? `?page=${page}` : '')),
    })
  })

  async function renderResponse(
    req: Request,
    res: Response,
    form: { status?: number; errors?: FormErrors; answerId?: number; part?: string } = {},
  ) {
    const consultation = consultationOf(res)
    const responseId = idParam(req, 'responseId')
    const found = responseId ? await moderation.forModeration(consultation.id, responseId) : null
    if (!found) throw new NotFoundError('response')
    res.status(form.status ?? 200).render('admin/moderation/show', {
      pageTitle: `Moderate response ${found.response.reference}`,
      consultation,
      ...found,
      ...labels,
      base: moderationUrl(consultation.id),
      form,
      ...(form.errors ?? {}),
    })
  }

  routes.get('/admin/consultations/:id/moderation/:responseId', (req, res) => renderResponse(req, res))

  routes.post('/admin/consultations/:id/moderation/:responseId', async (req, res) => {
    const consultation = consultationOf(res)
    const responseId = idParam(req, 'responseId')
    const parsed = decisionSchema.safeParse(formBody(req))
    if (!responseId) throw new NotFoundError('response')
    if (!parsed.success)
      return renderResponse(req, res, { status: 400, errors: formErrorsFrom({ decision: 'Choose a decision' }) })
    const result = await moderation.decide(actorOf(res), consultation.id, responseId, parsed.data.decision)
    if (!result.ok)
      return renderResponse(req, res, { status: 400, errors: formErrorsFrom({ [result.field]: result.error }) })
    flash(req, `Response ${DONE[parsed.data.decision]}`)
    res.redirect(303, moderationUrl(consultation.id, `/${responseId}`))
  })

  routes.post('/admin/consultations/:id/moderation/:responseId/redact', async (req, res) => {
    const consultation = consultationOf(res)
    const responseId = idParam(req, 'responseId')
    if (!responseId) throw new NotFoundError('response')
    const typed = { answerId: Number(formField(req, 'answer')) || undefined, part: formField(req, 'part') }
    const field = `part-${typed.answerId ?? 0}`
    const parsed = redactionSchema.safeParse(formBody(req))
    if (!parsed.success) {
      const message = parsed.error.issues.find((issue) => issue.path[0] === 'part')?.message
      return renderResponse(req, res, {
        status: 400,
        errors: formErrorsFrom({ [field]: message ?? 'Select the answer to redact' }),
        ...typed,
      })
    }
    const { answer, part } = parsed.data
    const result = await moderation.redact(actorOf(res), consultation.id, responseId, answer, part)
    if (!result.ok)
      return renderResponse(req, res, { status: 400, errors: formErrorsFrom({ [field]: result.error }), ...typed })
    flash(req, 'Text redacted')
    res.redirect(303, moderationUrl(consultation.id, `/${responseId}`))
  })

  return routes.router
}
