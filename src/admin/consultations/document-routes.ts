import type { RequestHandler, Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { formText } from '../../shared/text'
import { DOCUMENT_FORMAT_KEYS, DOCUMENT_FORMATS } from '../../consultations/document-formats'
import { checkDocument, MAX_DOCUMENT_BYTES, ALLOWED_EXTENSIONS_TEXT, sendDocument } from '../../consultations/documents'
import { csrfProtection } from '../../middleware/csrf'
import type { RouteDeps } from '../../routes'
import { NotFoundError } from '../../shared/errors'
import { fieldMessagesOf, formErrorsFrom, type FormErrors } from '../../shared/form-errors'
import { actorOf, flash, idParam, securedRouter } from '../access'
import { consultationOf } from '../loaders'
import { formField } from '../form-body'

const UPLOAD_PATH = '/admin/consultations/:id/documents'
const documentFormSchema = z
  .object({
    title: formText().trim().min(1, 'Enter a title for the document').max(200, 'Title must be 200 characters or fewer'),
    format: z
      .enum(['', ...DOCUMENT_FORMAT_KEYS], { error: 'Choose what the document is' })
      .default('')
      .transform((format) => format || null),
    language: formText().trim().max(60, 'The language must be 60 characters or fewer').default(''),
  })
  .refine((form) => form.format !== 'other_language' || form.language !== '', {
    path: ['language'],
    error: 'Enter the language the document is in',
  })
  .transform(({ title, format, language }) => ({
    title,
    format,
    formatLanguage: format === 'other_language' ? language : null,
  }))

const UNREADABLE_UPLOAD =
  'The selected file could not be read: its file name must not contain control characters, so rename it'

/** Multipart uploads whose CSRF token is checked by their route, once the body is parsed. */
export const UPLOAD_PATHS: readonly RegExp[] = [/^\/admin\/consultations\/[^/]+\/documents$/]

/**
 * Parses the upload form into memory (one file, size-limited) so the CSRF check can read the token
 * from its fields. It runs after the role check, so no one signed out can make the server parse a file.
 */
function uploadParser(): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    preservePath: true,
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5, fieldSize: 10_000 },
  }).single('document')
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        res.locals.uploadError = `The selected file must be smaller than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`
        return next()
      }
      if (err instanceof multer.MulterError) return next(Object.assign(err, { status: 400 }))
      // busboy refuses a malformed part, such as a file name with a control character in it
      if (err) res.locals.uploadError = UNREADABLE_UPLOAD
      next()
    })
  }
}

export function documentAdminRoutes(deps: RouteDeps): Router {
  const consultations = deps.services.consultationService
  const routes = securedRouter(deps)
  const page = (res: Response, status: number, errors: FormErrors | object = {}, values: object = {}) => {
    const consultation = consultationOf(res)
    res.status(status).render('admin/consultations/documents', {
      pageTitle: `Documents: ${consultation.title}`,
      consultation,
      allowed: ALLOWED_EXTENSIONS_TEXT,
      formats: DOCUMENT_FORMATS,
      values,
      ...errors,
    })
  }

  routes.get(UPLOAD_PATH, (_req, res) => page(res, 200))

  routes.post(UPLOAD_PATH, uploadParser(), csrfProtection, async (req, res) => {
    const { id } = consultationOf(res)
    const values = {
      title: formField(req, 'title'),
      format: formField(req, 'format'),
      language: formField(req, 'language'),
    }
    const parsed = documentFormSchema.safeParse(req.body ?? {})
    const messages: Record<string, string> = parsed.success ? {} : fieldMessagesOf(parsed.error)
    const file = req.file
    const check = file ? await checkDocument(file.originalname, file.buffer) : null
    if (res.locals.uploadError) messages.document = res.locals.uploadError
    else if (!file) messages.document = 'Select a file to upload'
    else if (check && !check.ok) messages.document = check.error
    if (Object.keys(messages).length > 0 || !parsed.success || !check?.ok || !file) {
      return page(res, 400, formErrorsFrom(messages), values)
    }
    const document = {
      ...parsed.data,
      filename: check.filename,
      contentType: check.contentType,
      content: file.buffer,
    }
    await consultations.addDocument(actorOf(res), id, document)
    flash(req, `Uploaded ${check.filename}`)
    res.redirect(303, `/admin/consultations/${id}/documents`)
  })

  routes.get('/admin/consultations/:id/documents/:documentId', async (req, res) => {
    const documentId = idParam(req, 'documentId')
    const document = documentId ? await consultations.adminDocument(consultationOf(res).id, documentId) : null
    if (!document) throw new NotFoundError('document')
    sendDocument(res, document)
  })

  routes.post('/admin/consultations/:id/documents/:documentId/delete', async (req, res) => {
    const { id } = consultationOf(res)
    const documentId = idParam(req, 'documentId')
    if (!documentId) throw new NotFoundError('document')
    const removed = await consultations.removeDocument(actorOf(res), id, documentId)
    flash(req, removed ? 'Document removed' : 'That document had already been removed')
    res.redirect(303, `/admin/consultations/${id}/documents`)
  })
  return routes.router
}
