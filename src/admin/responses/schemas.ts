import { z } from 'zod'

export const confirmDeleteSchema = z.object({
  confirm: z.enum(['yes', 'no'], { error: 'Select yes if you want to delete this response' }),
})
export const listPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1)
