import { z } from 'zod'
import { formText, type TextKind } from '../../shared/text'
import type { ConsultationDraft } from '../../consultations/admin-types'
import type { Section } from '../../consultations/types'
import { londonDateTimeParts, startOfLondonDay } from '../../shared/dates'
import { datePartsOf, londonDateTimeSchema, optionalCalendarDay } from '../../shared/date-parts'
import { SLUG_PATTERN } from '../../shared/slug'
import { dateTimePartsOf, fieldText } from '../form-body'

const optionalText = (max: number, label: string, kind: TextKind = 'single-line') =>
  formText(kind)
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((value) => value || null)

const dateTimeField = (label: string) => londonDateTimeSchema(`the consultation ${label}`)

const termList = z
  .union([formText(), z.array(formText())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))

/** "Title | https://…" one per line. */
const linkLines = formText('multi-line')
  .max(5000)
  .transform((text, ctx) => {
    const links = []
    for (const line of text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [title, url] = line.split('|').map((part) => part.trim())
      if (!title || !url || !/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Write each related link as a title, a “|” and a web address starting https://. ' +
            `Check: ${line.slice(0, 60)}`,
        })
        return z.NEVER
      }
      links.push({ title: title.slice(0, 200), url })
    }
    return links
  })

/** Markdown with "## Heading" lines splitting it into sections. */
export function sectionsFromMarkdown(markdown: string): Section[] {
  const sections: Section[] = []
  let current: Section = { heading: null, bodyMarkdown: '' }
  const push = () => {
    current.bodyMarkdown = current.bodyMarkdown.trim()
    if (current.heading || current.bodyMarkdown) sections.push(current)
  }
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line)?.[1]
    if (heading !== undefined && !line.startsWith('###')) {
      push()
      current = { heading, bodyMarkdown: '' }
    } else current.bodyMarkdown += `${line}\n`
  }
  push()
  return sections
}

export const markdownFromSections = (sections: Section[]): string =>
  sections.map((s) => (s.heading ? `## ${s.heading}\n\n${s.bodyMarkdown}` : s.bodyMarkdown)).join('\n\n')

export const consultationFormSchema = z
  .object({
    title: formText().trim().min(1, 'Enter a title').max(200, 'Title must be 200 characters or fewer'),
    slug: formText()
      .trim()
      .toLowerCase()
      .max(180, 'Web address must be 180 characters or fewer')
      .refine(
        (slug) => slug === '' || SLUG_PATTERN.test(slug),
        'Web address must only include lowercase letters, numbers and single hyphens',
      ),
    summary: formText('multi-line')
      .trim()
      .min(1, 'Enter a summary')
      .max(1000, 'Summary must be 1000 characters or fewer'),
    body: formText('multi-line')
      .max(100_000, 'Description must be 100,000 characters or fewer')
      .transform(sectionsFromMarkdown),
    opensAt: dateTimeField('opens'),
    closesAt: dateTimeField('closes'),
    outcomeDueOn: optionalCalendarDay('The date the outcome is due'),
    contactName: optionalText(200, 'Contact name'),
    contactEmail: z
      .union([
        z.literal(''),
        formText()
          .trim()
          .max(254)
          .pipe(z.email('Enter a contact email address in the correct format, like name@example.com')),
      ])
      .transform((v) => v || null),
    contactPhone: optionalText(50, 'Contact telephone'),
    contactAddress: optionalText(500, 'Contact address', 'multi-line'),
    wards: termList,
    audiences: termList,
    topics: termList,
    links: linkLines,
    ownerId: z
      .union([z.literal(''), formText().regex(/^[1-9]\d{0,8}$/, 'Choose the officer who owns this consultation')])
      .optional()
      .transform((value) => (value === undefined ? undefined : value === '' ? null : Number(value))),
    retentionMonths: z.coerce
      .number({ error: 'Enter how many months to keep personal data, as a number' })
      .int('Enter a whole number of months')
      .min(1, 'Keep personal data for at least 1 month')
      .max(120, 'Keep personal data for 120 months or fewer'),
  })
  .refine((form) => form.closesAt > form.opensAt, {
    path: ['closesAt'],
    error: 'The closing date must be after the opening date',
  })
  .refine((form) => form.outcomeDueOn === null || startOfLondonDay(form.outcomeDueOn) > form.closesAt, {
    path: ['outcomeDueOn'],
    error: 'The date the outcome is due must be after the closing date',
  })
  .transform((form): ConsultationDraft => ({
    title: form.title,
    slug: form.slug,
    summary: form.summary,
    sections: form.body,
    opensAt: form.opensAt,
    closesAt: form.closesAt,
    outcomeDueOn: form.outcomeDueOn,
    contact: {
      name: form.contactName,
      email: form.contactEmail,
      phone: form.contactPhone,
      address: form.contactAddress,
    },
    termSlugs: { wards: form.wards, audiences: form.audiences, topics: form.topics },
    links: form.links,
    retentionMonths: form.retentionMonths,
    ownerId: form.ownerId,
  }))

export const DATE_ANCHORS = { opensAt: 'opensAt-day', closesAt: 'closesAt-day', outcomeDueOn: 'outcomeDueOn-day' }

/** The flat form body reshaped for the schema (date parts grouped); also what the form shows back. */
export function consultationFormValues(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
  return {
    title: text('title'),
    slug: text('slug'),
    summary: text('summary'),
    body: text('body'),
    opensAt: dateTimePartsOf(body, 'opensAt'),
    closesAt: dateTimePartsOf(body, 'closesAt'),
    outcomeDueOn: { day: text('outcomeDueOn-day'), month: text('outcomeDueOn-month'), year: text('outcomeDueOn-year') },
    contactName: text('contactName'),
    contactEmail: text('contactEmail'),
    contactPhone: text('contactPhone'),
    contactAddress: text('contactAddress'),
    wards: body.wards,
    audiences: body.audiences,
    topics: body.topics,
    links: text('links'),
    retentionMonths: text('retentionMonths') || '24',
    // Absent (a form from before owners) leaves the owner as it is; the form always sends it.
    ownerId: 'ownerId' in body ? text('ownerId') : undefined,
  }
}

const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [fieldText(value)]

/** Form values from a saved consultation, for the edit page. */
export function formValuesOf(draft: ConsultationDraft) {
  return {
    title: draft.title,
    slug: draft.slug,
    summary: draft.summary,
    body: markdownFromSections(draft.sections),
    opensAt: londonDateTimeParts(draft.opensAt),
    closesAt: londonDateTimeParts(draft.closesAt),
    outcomeDueOn: datePartsOf(draft.outcomeDueOn),
    contactName: draft.contact.name ?? '',
    contactEmail: draft.contact.email ?? '',
    contactPhone: draft.contact.phone ?? '',
    contactAddress: draft.contact.address ?? '',
    wards: draft.termSlugs.wards,
    audiences: draft.termSlugs.audiences,
    topics: draft.termSlugs.topics,
    links: draft.links.map((l) => `${l.title} | ${l.url}`).join('\n'),
    retentionMonths: String(draft.retentionMonths),
    ownerId: draft.ownerId == null ? '' : String(draft.ownerId),
  }
}

export const selectedTerms = (values: ReturnType<typeof consultationFormValues>) => ({
  wards: asList(values.wards),
  audiences: asList(values.audiences),
  topics: asList(values.topics),
})
