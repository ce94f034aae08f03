import type { AddressInfo } from 'node:net'
import { after, before } from 'node:test'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** The envelope's recipients, as the SMTP server was told them. */
  recipients: string[]
  parsed: ParsedMail
}

export interface TestSmtpServer {
  url: string
  received: ReceivedMail[]
  /** Settles once the server listens: top-level before hooks run side by side, so one may need to wait for it. */
  listening: Promise<void>
}

/** Any recipient containing this is refused, so a test can see how a failed send is handled. */
export const REFUSED_RECIPIENT = 'refused'

/**
 * A real SMTP server on 127.0.0.1 and a free port, for the test's describe() block: it keeps every
 * message it accepts, and refuses recipients named "refused".
 */
export function useSmtpServer(): TestSmtpServer {
  let listened: () => void = () => undefined
  const smtp: TestSmtpServer = { url: '', received: [], listening: new Promise((resolve) => (listened = resolve)) }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(
        address.address.includes(REFUSED_RECIPIENT)
          ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })
          : null,
      )
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          smtp.received.push({ recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed })
          callback()
        })
        .catch(callback)
    },
  })
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
    listened()
  })
  after(() => new Promise<void>((resolve) => server.close(resolve)))
  return smtp
}
