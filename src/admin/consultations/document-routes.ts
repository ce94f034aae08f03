import type { Request, RequestHandler, Response } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { checkDocument, MAX_DOCUMENT_BYTES, ALLOWED_EXTENSIONS_TEXT, sendDocument } from '../../consultations/documents'
import type { ConsultationService } from '../../consultations/service'
import { formErrorsFrom, formErrorsOf, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, idParam, type SecuredRouter } from '../access'

const UPLOAD_PATH = '/admin/consultations/:id/documents'
const documentFormSchema = z.object({ title: z.string().trim().min(1, 'Enter a title for the document').max(200, 'Title must be 200 characters or fewer') })

/**
 * Parses the upload form into memory (one file, size-limited) before the CSRF check, which reads
 * the token from the parsed fields. Mounted ahead of the CSRF middleware, after the role check.
 */
export function uploadParser(): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5, fieldSize: 10_000 } }).single('document')
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        res.locals.uploadError = `The selected file must be smaller than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`
        return next()
      }
      next(err instanceof multer.MulterError ? Object.assign(err, { status: 400 }) : err)
    })
  }
}
export const UPLOAD_ROUTE = UPLOAD_PATH

export function documentAdminRoutes(routes: SecuredRouter, consultations: ConsultationService): void {
  async function page(res: Response, id: number, status: number, errors: FormErrors | object = {}, values: object = {}) {
    const consultation = await consultations.getForAdmin(id)
    if (!consultation) return void res.status(404).render('errors/404')
    res.status(status).render('admin/consultations/documents', { pageTitle: `Documents: ${consultation.title}`, consultation, allowed: ALLOWED_EXTENSIONS_TEXT, values, ...errors })
  }
  const consultationId = (req: Request) => idParam(req, 'id')

  routes.get(UPLOAD_PATH, async (req, res, next) => {
    const id = consultationId(req)
    if (!id) return next()
    await page(res, id, 200)
  })

  routes.post(UPLOAD_PATH, async (req, res, next) => {
    const id = consultationId(req)
    if (!id) return next()
    const values = { title: String(req.body?.title ?? '') }
    const parsed = documentFormSchema.safeParse(req.body ?? {})
    const messages: Record<string, string> = parsed.success ? {} : Object.fromEntries(formErrorsOf(parsed.error).errorSummaryItems.map((item) => [item.href.slice(1), item.text]))
    const file = req.file
    const check = file ? checkDocument(file.originalname, file.buffer) : null
    if (res.locals.uploadError) messages.document = res.locals.uploadError as string
    else if (!file) messages.document = 'Select a file to upload'
    else if (check && !check.ok) messages.document = check.error
    if (Object.keys(messages).length > 0 || !parsed.success || !check?.ok || !file) return page(res, id, 400, formErrorsFrom(messages), values)
    await consultations.addDocument(actorOf(res), id, { title: parsed.data.title, filename: check.filename, contentType: check.contentType, content: file.buffer })
    flash(req, `Uploaded ${check.filename}`)
    res.redirect(303, `/admin/consultations/${id}/documents`)
  })

  routes.get('/admin/consultations/:id/documents/:documentId', async (req, res, next) => {
    const [id, documentId] = [consultationId(req), idParam(req, 'documentId')]
    const document = id && documentId ? await consultations.adminDocument(id, documentId) : null
    if (!document) return next()
    sendDocument(res, document)
  })

  routes.post('/admin/consultations/:id/documents/:documentId/delete', async (req, res, next) => {
    const [id, documentId] = [consultationId(req), idParam(req, 'documentId')]
    if (!id || !documentId) return next()
    const removed = await consultations.removeDocument(actorOf(res), id, documentId)
    flash(req, removed ? 'Document removed' : 'That document had already been removed')
    res.redirect(303, `/admin/consultations/${id}/documents`)
  })
}
