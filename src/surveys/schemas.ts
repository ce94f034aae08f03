import { z } from 'zod'
import { formText } from '../shared/text'
import { SLUG_PATTERN } from '../shared/slug'

const slug = z.string().max(200).regex(SLUG_PATTERN)

export const surveyParamsSchema = z.object({ slug })
export const pageParamsSchema = z.object({ slug, pageKey: slug })
/** Resume tokens are 32 random bytes in base64url. */
const resumeToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/)
export const resumeParamsSchema = z.object({ slug, token: resumeToken })

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.com'
/** An address for one email: used to send it, then forgotten. */
export const emailAddressSchema = z.object({
  email: formText('single-line', 'Enter an email address')
    .trim()
    .min(1, { error: 'Enter an email address' })
    .max(254, { error: EMAIL_FORMAT })
    .pipe(z.email({ error: EMAIL_FORMAT })),
})
/** The saved page's "email me the link" form carries the link's token and the page to continue from. */
export const resumeEmailBodySchema = z.object({
  token: resumeToken,
  pageKey: slug.optional().catch(undefined),
  /** "Remind me a few days before it closes", ticked. */
  remind: z.literal('yes').optional().catch(undefined),
})

/** "?from=check" on a page reached by a Change link. */
export const pageQuerySchema = z.object({ from: z.literal('check').optional().catch(undefined) })

export const pageActionSchema = z.object({ action: z.enum(['continue', 'save']).catch('continue') })
export const checkBodySchema = z.object({ submissionKey: z.string().max(100).optional().catch(undefined) })

const fieldValue = z.union([z.string(), z.array(z.string())])
/** The answers of a saved draft: validated form fields by page key, re-checked against the survey on use. */
export const draftAnswersSchema = z.object({ completed: z.record(z.string(), z.record(z.string(), fieldValue)) })
