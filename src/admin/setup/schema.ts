import { z } from 'zod'
import { newPasswordField } from '../auth/schemas'
import { displayNameField, emailField } from '../users/fields'

/** The first admin's account, from the set-up link's form. */
export const firstAdminSchema = z
  .object({
    displayName: displayNameField('Enter your name'),
    email: emailField('Enter your email address'),
    password: newPasswordField('Enter a password'),
    confirmPassword: z.string(),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    error: 'Passwords do not match',
  })

export type FirstAdminForm = z.infer<typeof firstAdminSchema>
