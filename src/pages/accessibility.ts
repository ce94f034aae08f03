import { z } from 'zod'
import { calendarDay, datePartsOf } from '../shared/date-parts'
import { formText } from '../shared/text'

/** The compliance statuses of the GOV.UK model accessibility statement. */
export const COMPLIANCE_STATUSES = {
  full: 'Fully compliant',
  partial: 'Partially compliant',
  none: 'Not compliant',
} as const
export type ComplianceStatus = keyof typeof COMPLIANCE_STATUSES

/** What officers write in the accessibility statement; the rest of it is the model statement's fixed text. */
export interface AccessibilityStatement {
  compliance: ComplianceStatus
  /** Markdown: each known problem, what it fails and when it will be fixed. */
  knownIssues: string
  contactEmail: string | null
  contactPhone: string | null
  /** Working days to answer a request for another format or a reported problem. */
  responseDays: number
  /** Markdown: how the site was tested, and by whom. */
  testing: string
  preparedOn: string
  reviewedOn: string
}

export const ACCESSIBILITY_STATEMENT_KEY = 'accessibility_statement'

export const DEFAULT_ACCESSIBILITY_STATEMENT: AccessibilityStatement = {
  compliance: 'partial',
  knownIssues:
    'Some documents published with consultations, such as older PDF files, may not be fully accessible to ' +
    'screen reader software. They may not be tagged, so headings and reading order are lost. This fails WCAG 2.2 ' +
    'success criterion 1.3.1 (info and relationships). We check every new document before we publish it, and ' +
    'offer an accessible version of any document on request.',
  contactEmail: null,
  contactPhone: null,
  responseDays: 10,
  testing:
    'Every public page is checked automatically against the WCAG 2.2 A and AA success criteria (with axe) and ' +
    'for valid HTML before each release, and the survey journey is tested with a keyboard and without JavaScript.',
  preparedOn: '2026-12-02',
  reviewedOn: '2026-12-02',
}

const dayField = (subject: string) => calendarDay(subject, `Enter ${subject.replace(/^The/, 'the')}`)

const optional = (max: number, label: string) =>
  formText()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((text) => text || null)

export const accessibilityStatementSchema = z
  .object({
    compliance: z.enum(['full', 'partial', 'none'], { error: 'Select how far the website complies' }),
    knownIssues: formText('multi-line').trim().max(20_000, 'Known issues must be 20,000 characters or fewer'),
    contactEmail: z
      .union([
        z.literal(''),
        formText().trim().max(254).pipe(z.email('Enter an email address in the correct format, like name@example.com')),
      ])
      .transform((email) => email || null),
    contactPhone: optional(50, 'Telephone'),
    responseDays: z.coerce
      .number({ error: 'Enter the number of working days, like 10' })
      .int('Enter a whole number of working days')
      .min(1, 'Reply within at least 1 working day')
      .max(60, 'Reply within 60 working days or fewer'),
    testing: formText('multi-line').trim().min(1, 'Enter how the website was tested').max(5000),
    preparedOn: dayField('The date the statement was prepared'),
    reviewedOn: dayField('The date the statement was last reviewed'),
  })
  .refine((form) => form.compliance === 'full' || form.knownIssues !== '', {
    path: ['knownIssues'],
    error: 'Enter the known issues, since the website is not fully compliant',
  })
  .refine((form) => form.reviewedOn >= form.preparedOn, {
    path: ['reviewedOn'],
    error: 'The date the statement was last reviewed must be the same as or after the date it was prepared',
  })

export const STATEMENT_DATE_ANCHORS = { preparedOn: 'preparedOn-day', reviewedOn: 'reviewedOn-day' }

/** The form's values from a posted body, as typed, grouping the date parts. */
export function statementFormValues(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
  const day = (name: string) => ({ day: text(`${name}-day`), month: text(`${name}-month`), year: text(`${name}-year`) })
  return {
    compliance: text('compliance'),
    knownIssues: text('knownIssues'),
    contactEmail: text('contactEmail'),
    contactPhone: text('contactPhone'),
    responseDays: text('responseDays'),
    testing: text('testing'),
    preparedOn: day('preparedOn'),
    reviewedOn: day('reviewedOn'),
  }
}

/** The form's values from the saved statement. */
export const statementValuesOf = (statement: AccessibilityStatement) => ({
  ...statement,
  contactEmail: statement.contactEmail ?? '',
  contactPhone: statement.contactPhone ?? '',
  responseDays: String(statement.responseDays),
  preparedOn: datePartsOf(statement.preparedOn),
  reviewedOn: datePartsOf(statement.reviewedOn),
})
