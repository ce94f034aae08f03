import type { Request, Response, Router } from 'express'
import { z } from 'zod'
import { formText } from '../../shared/text'
import { TAXONOMIES, type Taxonomy } from '../../consultations/types'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import type { RouteDeps } from '../../routes'
import { TAXONOMY_LABELS, type TermResult } from '../../taxonomies/service'
import { actorOf, flash, idParam, securedRouter } from '../access'
import { formField } from '../form-body'
import { present } from '../../shared/present'

const nameSchema = z.object({
  name: formText().trim().min(1, 'Enter a name').max(100, 'Name must be 100 characters or fewer'),
})
const taxonomyOf = (req: Request): Taxonomy | null =>
  (TAXONOMIES as readonly string[]).includes(String(req.params.taxonomy)) ? (req.params.taxonomy as Taxonomy) : null

export function taxonomyAdminRoutes(deps: RouteDeps): Router {
  const { taxonomyService } = deps.services
  const routes = securedRouter(deps)
  async function page(res: Response, taxonomy: Taxonomy, status: number, errors?: FormErrors, values: object = {}) {
    res.status(status).render('admin/taxonomies/list', {
      pageTitle: TAXONOMY_LABELS[taxonomy].plural,
      taxonomy,
      labels: TAXONOMY_LABELS[taxonomy],
      allTaxonomies: TAXONOMIES.map((t) => ({ key: t, label: TAXONOMY_LABELS[t].plural })),
      terms: await taxonomyService.listManaged(taxonomy),
      values,
      ...(errors ?? {}),
    })
  }

  routes.get('/admin/taxonomies/:taxonomy', async (req, res, next) => {
    const taxonomy = taxonomyOf(req)
    if (!taxonomy) return next()
    await page(res, taxonomy, 200)
  })

  routes.post('/admin/taxonomies/:taxonomy', async (req, res, next) => {
    const taxonomy = taxonomyOf(req)
    if (!taxonomy) return next()
    const parsed = nameSchema.safeParse(req.body ?? {})
    const values = { name: formField(req, 'name') }
    if (!parsed.success) return page(res, taxonomy, 400, formErrorsOf(parsed.error), values)
    const result = await taxonomyService.add(actorOf(res), taxonomy, parsed.data.name)
    if (!result.ok) return page(res, taxonomy, 400, formErrorsFrom({ name: result.error }), values)
    flash(req, `Added “${parsed.data.name}”`)
    res.redirect(303, `/admin/taxonomies/${taxonomy}`)
  })

  const termAction = (
    action: string,
    run: (req: Request, res: Response, taxonomy: Taxonomy, id: number) => Promise<TermResult | null>,
    done: string,
  ) =>
    routes.post(`/admin/taxonomies/:taxonomy/:termId/${action}`, async (req, res, next) => {
      const [taxonomy, id] = [taxonomyOf(req), idParam(req, 'termId')]
      if (!taxonomy || !id) return next()
      const result = await run(req, res, taxonomy, id)
      if (result === null) return
      if (!result.ok) return page(res, taxonomy, 400, formErrorsFrom({ [`term-${id}`]: result.error }))
      flash(req, done)
      res.redirect(303, `/admin/taxonomies/${taxonomy}`)
    })

  termAction(
    'rename',
    async (req, res, taxonomy, id) => {
      const parsed = nameSchema.safeParse(req.body ?? {})
      if (!parsed.success) {
        await page(
          res,
          taxonomy,
          400,
          formErrorsFrom({ [`term-${id}`]: present(parsed.error.issues[0], 'Validation issue').message }),
        )
        return null
      }
      return taxonomyService.rename(actorOf(res), taxonomy, id, parsed.data.name)
    },
    'Renamed',
  )
  termAction(
    'retire',
    (_req, res, taxonomy, id) => taxonomyService.retire(actorOf(res), taxonomy, id),
    'Retired: it can no longer be chosen for consultations',
  )
  termAction('restore', (_req, res, taxonomy, id) => taxonomyService.restore(actorOf(res), taxonomy, id), 'Restored')
  termAction('delete', (_req, res, taxonomy, id) => taxonomyService.remove(actorOf(res), taxonomy, id), 'Deleted')
  return routes.router
}
