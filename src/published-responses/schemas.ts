import { z } from 'zod'
import { REFERENCE_PATTERN } from '../responses/reference'
import { SLUG_PATTERN } from '../shared/slug'
import { formText } from '../shared/text'

const slug = z.string().max(200).regex(SLUG_PATTERN)

export const listParamsSchema = z.object({ slug })
export const responseParamsSchema = z.object({ slug, reference: z.string().regex(REFERENCE_PATTERN) })

/** The "Read responses" page's query; anything malformed reads as not given. */
export const listQuerySchema = z.object({
  q: formText()
    .trim()
    .max(200)
    .transform((text) => (text.length > 0 ? text : undefined))
    .optional()
    .catch(undefined),
  question: z.string().max(200).regex(SLUG_PATTERN).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
