/** The emails a consultation's owner gets; each can be turned off on /admin/account/notifications. */
export const OFFICER_EMAIL_KINDS = [
  'officer-open-close',
  'officer-milestone',
  'officer-feedback-due',
  'officer-daily-summary',
] as const
export type OfficerEmailKind = (typeof OFFICER_EMAIL_KINDS)[number]

/** How the preferences form names each kind. */
export const OFFICER_EMAIL_LABELS: Record<OfficerEmailKind, string> = {
  'officer-open-close': 'When a consultation I own opens and when it closes',
  'officer-milestone': 'When it gets its first response, and every 100th after that',
  'officer-feedback-due': 'When its feedback (We asked, You said, We did) is due and not yet published',
  'officer-daily-summary': 'Each morning, how many responses my consultations got the day before (only if any)',
}

interface OfficerFields {
  council_name: string
  consultation_title: string
  admin_url: string
  preferences_url: string
}

export interface OfficerPersonalisation {
  'officer-open-close': OfficerFields & { opened_or_closed: 'opened' | 'closed'; date: string }
  'officer-milestone': OfficerFields & { response_count: string }
  'officer-feedback-due': OfficerFields & { due_date: string }
  /** `consultations` is a Markdown list, one "* title: n new responses" a line; consultation_title is empty. */
  'officer-daily-summary': OfficerFields & { day: string; consultations: string }
}

export interface EmailBody {
  subject: string
  paragraphs: string[]
  list?: string[]
  link: { intro: string; url: string }
  footer: { text: string; url: string }[]
}

const responsesWord = (count: string) => (count === '1' ? 'response' : 'responses')

export function officerBodyOf(kind: OfficerEmailKind, fields: Record<string, string>): EmailBody {
  const title = fields.consultation_title ?? ''
  const footer = [
    { text: 'You get this email because you own this consultation.', url: '' },
    { text: 'Choose which emails you get:', url: fields.preferences_url ?? '' },
  ]
  const link = { intro: 'See it in the consultation hub:', url: fields.admin_url ?? '' }
  switch (kind) {
    case 'officer-open-close':
      return {
        subject: `${title} has ${fields.opened_or_closed}`,
        paragraphs: [`Your consultation ${title} ${fields.opened_or_closed} on ${fields.date}.`],
        link,
        footer,
      }
    case 'officer-milestone':
      return {
        subject: `${title}: ${fields.response_count} ${responsesWord(fields.response_count ?? '')}`,
        paragraphs: [
          fields.response_count === '1'
            ? `Your consultation ${title} has its first response.`
            : `Your consultation ${title} has ${fields.response_count} responses.`,
        ],
        link: { intro: 'Read the responses:', url: fields.admin_url ?? '' },
        footer,
      }
    case 'officer-feedback-due':
      return {
        subject: `Feedback due: ${title}`,
        paragraphs: [
          `The feedback for your consultation ${title} was due on ${fields.due_date} and is not published yet.`,
          'Residents expect to hear what we asked, what they said and what we did.',
        ],
        link: { intro: 'Write and publish it:', url: fields.admin_url ?? '' },
        footer,
      }
    case 'officer-daily-summary':
      return {
        subject: `New responses on ${fields.day}`,
        paragraphs: [`Your consultations got these responses on ${fields.day}.`],
        list: (fields.consultations ?? '').split('\n').map((line) => line.replace(/^\* /, '')),
        link: { intro: 'See your consultations:', url: fields.admin_url ?? '' },
        footer: [{ text: 'You get this email because you own these consultations.', url: '' }, ...footer.slice(1)],
      }
  }
}
