import { z } from 'zod'
import { londonDateTimeParts } from '../../shared/dates'
import { londonDateTimeSchema } from '../../shared/date-parts'
import { SLUG_PATTERN } from '../../shared/slug'
import { formText } from '../../shared/text'
import { EVENT_KINDS, type ConsultationEvent, type EventInput } from '../../events/types'
import { dateTimePartsOf } from '../form-body'

const text = (max: number, label: string, kind: 'single-line' | 'multi-line' = 'single-line') =>
  formText(kind).trim().max(max, `${label} must be ${max} characters or fewer`)

const isHttpsUrl = (value: string) => URL.canParse(value) && new URL(value).protocol === 'https:' && !/\s/.test(value)

export const eventFormSchema = z
  .object({
    title: text(200, 'Title').min(1, 'Enter a title for the event'),
    kind: z.enum(EVENT_KINDS, { error: 'Select what kind of event it is' }),
    startsAt: londonDateTimeSchema('the event starts'),
    endsAt: londonDateTimeSchema('the event ends'),
    where: z.enum(['venue', 'online'], { error: 'Select whether the event is at a venue or online' }),
    venueAddress: text(500, 'Address', 'multi-line'),
    accessibility: text(2000, 'Accessibility information', 'multi-line'),
    ward: z.union([z.literal(''), z.string().max(100).regex(SLUG_PATTERN, 'Select a ward from the list')]),
    onlineUrl: text(2000, 'Online link'),
    description: text(5000, 'Description', 'multi-line').min(1, 'Enter a description of the event'),
    booking: z.enum(['yes', 'no'], { error: 'Select whether people need to book' }),
    bookingDetails: text(500, 'Booking link or contact'),
  })
  .superRefine((form, ctx) => {
    const problem = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
    if (form.endsAt <= form.startsAt) problem('endsAt', 'The event must end after it starts')
    if (form.where === 'venue' && !form.venueAddress) problem('venueAddress', 'Enter the address of the venue')
    if (form.where === 'online' && !isHttpsUrl(form.onlineUrl)) {
      problem('onlineUrl', 'Enter the online link as a web address starting https://, like https://example.org/meeting')
    }
    if (form.booking === 'yes' && !form.bookingDetails) {
      problem('bookingDetails', 'Enter a booking link or contact, like a web address, email address or phone number')
    }
  })
  .transform((form): EventInput => ({
    title: form.title,
    kind: form.kind,
    startsAt: form.startsAt,
    endsAt: form.endsAt,
    place:
      form.where === 'online'
        ? { kind: 'online', url: form.onlineUrl }
        : {
            kind: 'venue',
            address: form.venueAddress,
            accessibility: form.accessibility || null,
            wardSlug: form.ward || null,
          },
    description: form.description,
    bookingRequired: form.booking === 'yes',
    bookingDetails: form.booking === 'yes' ? form.bookingDetails : null,
  }))

/** The form body reshaped for the schema (date parts grouped); also what the form shows back as typed. */
export function eventFormValues(body: Record<string, unknown>) {
  const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
  return {
    title: field('title'),
    kind: field('kind'),
    startsAt: dateTimePartsOf(body, 'startsAt'),
    endsAt: dateTimePartsOf(body, 'endsAt'),
    where: field('where'),
    venueAddress: field('venueAddress'),
    accessibility: field('accessibility'),
    ward: field('ward'),
    onlineUrl: field('onlineUrl'),
    description: field('description'),
    booking: field('booking'),
    bookingDetails: field('bookingDetails'),
  }
}

export type EventFormValues = ReturnType<typeof eventFormValues>

/** A saved event as the edit form shows it. */
export function formValuesOfEvent(event: ConsultationEvent): EventFormValues {
  const venue = event.place.kind === 'venue' ? event.place : null
  return {
    title: event.title,
    kind: event.kind,
    startsAt: londonDateTimeParts(event.startsAt),
    endsAt: londonDateTimeParts(event.endsAt),
    where: event.place.kind,
    venueAddress: venue?.address ?? '',
    accessibility: venue?.accessibility ?? '',
    ward: venue?.ward?.slug ?? '',
    onlineUrl: event.place.kind === 'online' ? event.place.url : '',
    description: event.description,
    booking: event.bookingRequired ? 'yes' : 'no',
    bookingDetails: event.bookingDetails ?? '',
  }
}
