import { z } from 'zod'
import { REFERENCE_PATTERN } from '../../responses/reference'

export const confirmDeleteSchema = z.object({
  confirm: z.enum(['yes', 'no'], { error: 'Select yes if you want to delete this response' }),
})
export const listPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1)

/** A reference as a resident reads it out: any case, spaces anywhere, "ANON-" optional. */
export const referenceSchema = z.object({
  reference: z
    .string({ error: 'Enter the response reference' })
    .transform((text) => text.toUpperCase().replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'Enter the response reference'))
    .transform((text) => (text.startsWith('ANON-') ? text : `ANON-${text.replace(/^ANON/, '')}`))
    .pipe(z.string().regex(REFERENCE_PATTERN, 'Enter a reference in the correct format, like ANON-K7Q9M2XP')),
})
