import type { Response, Router } from 'express'
import type { RouteDeps } from '../../routes'
import { type FormErrors, formErrorsFrom, formErrorsOf } from '../../shared/form-errors'
import { securedRouter } from '../access'
import { formField } from '../form-body'
import { referenceSchema } from './schemas'

const FIND_PATH = '/admin/responses/delete'

/**
 * "Delete a response": a resident asks for their response to be deleted by quoting its reference; the
 * officer finds it here, then confirms on the response's own delete page, which audits the deletion.
 */
export function responseReferenceRoutes(deps: RouteDeps): Router {
  const responses = deps.services.responseAdminService
  const routes = securedRouter(deps)

  const render = (res: Response, reference = '', errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('admin/responses/find', {
      pageTitle: 'Delete a response',
      action: FIND_PATH,
      reference,
      ...(errors ?? {}),
    })

  routes.get(FIND_PATH, (_req, res) => render(res))

  routes.post(FIND_PATH, async (req, res) => {
    const typed = formField(req, 'reference')
    const parsed = referenceSchema.safeParse({ reference: typed })
    if (!parsed.success) return render(res, typed, formErrorsOf(parsed.error))
    const found = await responses.findByReference(parsed.data.reference)
    if (!found)
      return render(
        res,
        typed,
        formErrorsFrom({ reference: `No response has the reference ${parsed.data.reference}. Check it and try again` }),
      )
    res.redirect(303, `/admin/consultations/${found.consultationId}/responses/${found.id}/delete`)
  })
  return routes.router
}
