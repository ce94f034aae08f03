import { z } from 'zod'
import { formText } from '../../shared/text'

export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject', 'withdraw'], { error: 'Choose approve, reject or withdraw' }),
})

export const redactionSchema = z.object({
  answer: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  part: formText('multi-line', 'Enter the text to redact')
    .trim()
    .min(1, 'Enter the text to redact')
    .max(5000, 'The text to redact must be 5,000 characters or fewer'),
})
