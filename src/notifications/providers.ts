import type { NotifyClient } from 'notifications-node-client'
import type { Config, NotifyConfig } from '../config'
import { createMailer, type Mailer } from '../mail/mailer'
import { onFirstUse } from '../shared/on-first-use'
import { type EmailKind, renderEmail } from './messages'

/** One email for a provider; `reference` is the same on every attempt, for the provider to deduplicate. */
export interface ProviderEmail {
  kind: EmailKind
  to: string
  reference: string
  personalisation: Record<string, string>
}

export interface EmailProvider {
  name: 'smtp' | 'notify'
  send(email: ProviderEmail): Promise<void>
}

/** A provider that answers nothing within this long is given up on, and the job tried again later. */
const SEND_TIMEOUT_MS = 30_000

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('send timed out'), { code: 'ETIMEDOUT' })), SEND_TIMEOUT_MS)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Our own SMTP server: Message-ID carries the job's reference, and alerts carry RFC 8058 one-click unsubscribe. */
export function smtpProvider(mailer: Mailer, messageIdDomain: string): EmailProvider {
  return {
    name: 'smtp',
    async send({ kind, to, reference, personalisation }) {
      const unsubscribeUrl = personalisation.unsubscribe_url
      await withTimeout(
        mailer.send({
          ...renderEmail(kind, to, personalisation),
          messageId: `<${reference}@${messageIdDomain}>`,
          headers: unsubscribeUrl
            ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {},
        }),
      )
    },
  }
}

/** GOV.UK Notify, through its official client: one template per kind, filled in with the personalisation. */
export function notifyProvider(config: NotifyConfig): EmailProvider {
  const client = onFirstUse<NotifyClient>(async () => {
    const { NotifyClient } = await import('notifications-node-client')
    return new NotifyClient(config.baseUrl, config.apiKey)
  })
  return {
    name: 'notify',
    async send({ kind, to, reference, personalisation }) {
      await withTimeout(
        (await client()).sendEmail(config.templates[kind], to, {
          personalisation,
          reference,
          ...(personalisation.unsubscribe_url ? { oneClickUnsubscribeURL: personalisation.unsubscribe_url } : {}),
        }),
      )
    },
  }
}

/** Notify when its key is set, else SMTP when a server is set, else none: then no page offers these emails. */
export function createEmailProvider(config: Pick<Config, 'notify' | 'mail' | 'baseUrl'>): EmailProvider | null {
  if (config.notify) return notifyProvider(config.notify)
  const mailer = createMailer(config.mail)
  return mailer ? smtpProvider(mailer, new URL(config.baseUrl).hostname) : null
}

/** An error as it may be kept: a code or HTTP status, never a message that might quote an address. */
export function errorCode(err: unknown): string {
  if (!err || typeof err !== 'object') return 'unknown'
  const response = 'response' in err ? (err.response as { status?: unknown } | undefined) : undefined
  if (response && typeof response.status === 'number') return `http-${response.status}`
  if ('responseCode' in err && typeof err.responseCode === 'number') return `smtp-${err.responseCode}`
  if ('code' in err && typeof err.code === 'string') return err.code.slice(0, 40)
  return 'unknown'
}
