import { z } from 'zod'
import { formText } from '../shared/text'

export const pageNumber = z.coerce.number().int().min(1).max(100000).catch(1)
export const searchText = formText().trim().max(200).catch('')
