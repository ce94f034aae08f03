import { z } from 'zod'
import { formText } from '../../shared/text'

/** An officer's name, as the invitation and first-admin forms take it; `blank` is the message when it is empty. */
export const displayNameField = (blank: string) =>
  formText().trim().min(1, blank).max(200, 'Name must be 200 characters or fewer')

/** An officer's email address, stored in lower case. */
export const emailField = (blank: string) =>
  formText()
    .trim()
    .toLowerCase()
    .min(1, blank)
    .max(254)
    .pipe(z.email('Enter an email address in the correct format, like name@example.com'))
