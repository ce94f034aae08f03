import type { Response, Router } from 'express'
import {
  accessibilityStatementSchema,
  COMPLIANCE_STATUSES,
  STATEMENT_DATE_ANCHORS,
  statementFormValues,
  statementValuesOf,
} from '../../pages/accessibility'
import type { RouteDeps } from '../../routes'
import { formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, securedRouter } from '../access'
import { formBody } from '../form-body'

const PATH = '/admin/pages/accessibility'

/** Editing the site pages officers own: the accessibility statement. */
export function sitePageAdminRoutes(deps: RouteDeps): Router {
  const { sitePageService } = deps.services
  const routes = securedRouter(deps)
  const formPage = (res: Response, status: number, values: object, errors?: FormErrors) =>
    res.status(status).render('admin/pages/accessibility', {
      pageTitle: 'Edit the accessibility statement',
      values,
      complianceStatuses: COMPLIANCE_STATUSES,
      ...(errors ?? {}),
    })

  routes.get(PATH, async (_req, res) =>
    formPage(res, 200, statementValuesOf(await sitePageService.accessibilityStatement())),
  )

  routes.post(PATH, async (req, res) => {
    const values = statementFormValues(formBody(req))
    const parsed = accessibilityStatementSchema.safeParse(values)
    if (!parsed.success) return formPage(res, 400, values, formErrorsOf(parsed.error, STATEMENT_DATE_ANCHORS))
    await sitePageService.saveAccessibilityStatement(actorOf(res), parsed.data)
    flash(req, 'Accessibility statement saved')
    res.redirect(303, PATH)
  })
  return routes.router
}
