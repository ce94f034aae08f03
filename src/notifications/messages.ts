import path from 'node:path'
import nunjucks from 'nunjucks'
import type { OutgoingMessage } from '../mail/mailer'
import { viewsDir } from '../paths'
import {
  type EmailBody,
  OFFICER_EMAIL_KINDS,
  type OfficerEmailKind,
  type OfficerPersonalisation,
  officerBodyOf,
} from './officer-messages'

/** Every kind of email the outbox sends; GOV.UK Notify has one template for each (see the README). */
export const EMAIL_KINDS = [
  'outcome',
  'alert-confirmation',
  'new-consultation',
  'weekly-digest',
  'closing-reminder',
  'resume-link',
  'answers-copy',
  ...OFFICER_EMAIL_KINDS,
] as const
export type EmailKind = (typeof EMAIL_KINDS)[number]

/** The fields each kind fills in: Notify's personalisation, and what our own SMTP emails are written from. */
export interface Personalisation extends OfficerPersonalisation {
  outcome: { council_name: string; consultation_title: string; outcome_url: string }
  'closing-reminder': { council_name: string; consultation_title: string; closes: string; survey_url: string }
  /** The saved draft's link: its token is kept only as a hash, and the outbox forgets this once it is sent. */
  'resume-link': { council_name: string; consultation_title: string; resume_url: string; expires: string }
  /** The job keeps council_name and reference only: the rest is read from the stored response when it is sent. */
  'answers-copy': {
    council_name: string
    reference: string
    consultation_title: string
    consultation_url: string
    answers: string
  }
  'alert-confirmation': { council_name: string; alert_description: string; confirm_url: string; expires: string }
  'new-consultation': {
    council_name: string
    alert_description: string
    consultation_title: string
    consultation_summary: string
    consultation_url: string
    closes: string
    manage_url: string
    unsubscribe_url: string
  }
  /** `consultations` is a Markdown list, one "* title: address" a line, as Notify formats it. */
  'weekly-digest': {
    council_name: string
    alert_description: string
    consultations: string
    consultations_url: string
    manage_url: string
    unsubscribe_url: string
  }
}

export type AnyPersonalisation = Personalisation[EmailKind] & Record<string, string>

const htmlTemplates = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(viewsDir, 'emails')), {
  autoescape: true,
})

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

const isOfficerKind = (kind: EmailKind): kind is OfficerEmailKind =>
  (OFFICER_EMAIL_KINDS as readonly string[]).includes(kind)

function bodyOf(kind: EmailKind, fields: Record<string, string>): EmailBody {
  if (isOfficerKind(kind)) return officerBodyOf(kind, fields)
  switch (kind) {
    case 'outcome':
      return {
        subject: `What happened after ${fields.consultation_title}`,
        paragraphs: [
          `You asked us to tell you the outcome of ${fields.consultation_title}.`,
          'We have published what we asked, what you said and what we did.',
        ],
        link: { intro: 'Read it on our website:', url: fields.outcome_url ?? '' },
        footer: [{ text: 'We have now deleted your email address. We will not email you about this again.', url: '' }],
      }
    case 'alert-confirmation':
      return {
        subject: 'Confirm your consultation alerts',
        paragraphs: [
          `Someone, probably you, asked for emails about ${fields.alert_description}.`,
          `Nothing will be sent unless you confirm. The link works until ${fields.expires}.`,
        ],
        link: { intro: 'To confirm, use this link:', url: fields.confirm_url ?? '' },
        footer: [{ text: 'If you did not ask for this, ignore this email and we will delete the address.', url: '' }],
      }
    case 'new-consultation':
      return {
        subject: `New consultation: ${fields.consultation_title}`,
        paragraphs: [
          `${fields.consultation_title}`,
          fields.consultation_summary ?? '',
          `It closes on ${fields.closes}.`,
        ].filter((paragraph) => paragraph !== ''),
        link: { intro: 'Read about it and have your say:', url: fields.consultation_url ?? '' },
        footer: alertFooter(fields),
      }
    case 'closing-reminder':
      return {
        subject: `${fields.consultation_title} closes on ${fields.closes}`,
        paragraphs: [
          `You saved some answers to ${fields.consultation_title} and asked us to remind you before it closes.`,
          `It closes on ${fields.closes}. To carry on, use the link in the email we sent when you saved them.`,
        ],
        link: { intro: 'Or start the survey again:', url: fields.survey_url ?? '' },
        footer: [{ text: 'We have now deleted your email address. We will not email you about this again.', url: '' }],
      }
    case 'resume-link':
      return {
        subject: `Carry on with your response to ${fields.consultation_title}`,
        paragraphs: [`You saved your answers to ${fields.consultation_title}.`],
        link: { intro: 'To carry on, use this link:', url: fields.resume_url ?? '' },
        footer: [
          { text: `The link works until the consultation closes on ${fields.expires}.`, url: '' },
          { text: 'Anyone with this link can see and change your answers, so keep it private.', url: '' },
        ],
      }
    case 'answers-copy':
      return {
        subject: `Your response to ${fields.consultation_title}: ${fields.reference}`,
        paragraphs: [
          `Thank you for responding to ${fields.consultation_title}.`,
          `Your reference number: ${fields.reference}`,
          'Keep it: quote it if you want to ask us about your response, or to ask us to delete it.',
          'Your answers',
          ...(fields.answers ?? '').split('\n\n'),
        ],
        link: { intro: 'Read about the consultation:', url: fields.consultation_url ?? '' },
        footer: [],
      }
    case 'weekly-digest':
      return {
        subject: 'New consultations this week',
        paragraphs: [`New this week: ${fields.alert_description}.`],
        list: (fields.consultations ?? '').split('\n').map((line) => line.replace(/^\* /, '')),
        link: { intro: 'See every consultation:', url: fields.consultations_url ?? '' },
        footer: alertFooter(fields),
      }
  }
}

const alertFooter = (fields: Record<string, string>) => [
  { text: `You get this email because you asked for alerts about ${fields.alert_description}.`, url: '' },
  { text: 'Change or stop your alerts:', url: fields.manage_url ?? '' },
  { text: 'Unsubscribe from this alert:', url: fields.unsubscribe_url ?? '' },
]

/** An email as our own SMTP sends it: plain text and simple HTML, with no images or tracking. */
export function renderEmail(kind: EmailKind, to: string, fields: Record<string, string>): OutgoingMessage {
  const body = bodyOf(kind, fields)
  const councilName = fields.council_name ?? ''
  const line = (item: { text: string; url: string }) => (item.url ? `${item.text}\n${item.url}` : item.text)
  const text = [
    ...body.paragraphs,
    ...(body.list ? [body.list.join('\n')] : []),
    line({ text: body.link.intro, url: body.link.url }),
    ...body.footer.map(line),
  ]
    .concat(councilName)
    .join('\n\n')
  return {
    to,
    subject: oneLine(body.subject),
    text,
    html: htmlTemplates.render('notification.njk', { ...body, subject: oneLine(body.subject), councilName }),
  }
}
