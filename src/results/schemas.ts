import { z } from 'zod'

export const pageNumber = z.coerce.number().int().min(1).max(100000).catch(1)
export const searchText = z.string().trim().max(200).catch('')
