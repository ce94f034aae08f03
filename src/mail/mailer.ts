import type { Transporter } from 'nodemailer'
import type { MailConfig } from '../config'
import { onFirstUse } from '../shared/on-first-use'

export interface OutgoingMessage {
  to: string
  subject: string
  text: string
  html: string
  /** Set by the outbox: the job's reference, so a resend is recognisably the same message. */
  messageId?: string
  headers?: Record<string, string>
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>
}

/** A resident waits while we send, so a slow or silent server must fail quickly rather than hang the page. */
const TIMEOUT_MS = 10_000

/** Sends through the configured SMTP server; null when none is configured, so nothing offers email. */
export function createMailer(config: MailConfig | null): Mailer | null {
  if (!config) return null
  const transport = onFirstUse<Transporter>(async () => {
    const { default: nodemailer } = await import('nodemailer')
    return nodemailer.createTransport(
      { url: config.smtpUrl, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS },
      { from: config.from },
    )
  })
  return {
    async send(message) {
      await (await transport()).sendMail(message)
    },
  }
}
