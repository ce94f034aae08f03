import path from 'node:path'
import nunjucks from 'nunjucks'
import type { OutgoingMessage } from '../mail/mailer'
import { viewsDir } from '../paths'
import type { ReviewSection } from './review'

/** Email bodies in HTML go through Nunjucks with autoescape on, like every page. */
const htmlTemplates = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(viewsDir, 'emails')), {
  autoescape: true,
})

/** A header line: an officer's title must not carry line breaks into the subject. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

export interface AnswersCopy {
  siteName: string
  consultationTitle: string
  reference: string
  sections: ReviewSection[]
}

/** The resident's copy of their response: the reference and every answer, as the check page showed them. */
export function answersCopyMessage(to: string, copy: AnswersCopy): OutgoingMessage {
  const answers = copy.sections.flatMap((section) => [
    '',
    section.title.toUpperCase(),
    ...section.rows.flatMap((row) => [
      '',
      row.title,
      ...(row.lines.length > 0 ? row.lines.map((line) => `  ${line}`) : ['  Not answered']),
    ]),
  ])
  const text = [
    `Thank you for responding to ${copy.consultationTitle}.`,
    '',
    `Your reference number: ${copy.reference}`,
    'Keep it: quote it if you want to ask us about your response, or to ask us to delete it.',
    '',
    'Your answers',
    ...answers,
    '',
    copy.siteName,
  ].join('\n')
  return {
    to,
    subject: oneLine(`Your response to ${copy.consultationTitle}: ${copy.reference}`),
    text,
    html: htmlTemplates.render('answers-copy.njk', copy),
  }
}
