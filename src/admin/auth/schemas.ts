import { z } from 'zod'
import { formText } from '../../shared/text'
import { PASSWORD_MAX_LENGTH } from './passwords'

export const signInSchema = z.object({
  email: formText()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Enter a valid email address')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  password: z
    .string()
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH, 'Enter a correct email address and password'),
})

export const codeSchema = z.object({
  code: formText()
    .trim()
    .min(1, 'Enter the code from your authenticator app or a recovery code')
    .max(64, 'Enter a correct code'),
})

/** A new password's length; its strength is passwordProblem's to judge, which needs the officer's email. */
export const newPasswordField = (blank = 'Enter a new password') =>
  z.string().min(1, blank).max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`)

export const newPasswordSchema = z
  .object({
    password: newPasswordField(),
    confirmPassword: z.string(),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    error: 'Passwords do not match',
  })

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH),
    newPassword: newPasswordField(),
    confirmPassword: z.string(),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ['confirmPassword'],
    error: 'Passwords do not match',
  })
