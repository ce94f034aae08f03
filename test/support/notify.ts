import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before } from 'node:test'

export const NOTIFY_SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506'
const NOTIFY_SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0'
/** Notify's key format: a name, the service id and the secret, joined by hyphens. */
export const NOTIFY_API_KEY = `test_key-${NOTIFY_SERVICE_ID}-${NOTIFY_SECRET}`

/** The settings for Notify, but its base URL: one template for each kind of email. */
export const NOTIFY_ENV = {
  NOTIFY_API_KEY,
  NOTIFY_TEMPLATE_OUTCOME: '5b3c9c4e-3f0b-4b8f-9f3a-0d6f6c1b2a11',
  NOTIFY_TEMPLATE_ALERT_CONFIRMATION: '6c4d0d5f-4a1c-4c9a-8a4b-1e7a7d2c3b22',
  NOTIFY_TEMPLATE_NEW_CONSULTATION: '7d5e1e6a-5b2d-4dab-9b5c-2f8b8e3d4c33',
  NOTIFY_TEMPLATE_WEEKLY_DIGEST: '8e6f2f7b-6c3e-4ebc-8c6d-3a9c9f4e5d44',
  NOTIFY_TEMPLATE_CLOSING_REMINDER: '3dbe7ec0-b18d-4d01-9b1c-8f4b4e9dac99',
  NOTIFY_TEMPLATE_RESUME_LINK: '4e0f8fd1-c29e-4e12-8c2d-9a5c5fa0bdaa',
  NOTIFY_TEMPLATE_ANSWERS_COPY: '5f1a9ae2-d3af-4f23-9d3e-ab6d6ab1cebb',
  NOTIFY_TEMPLATE_OFFICER_OPEN_CLOSE: '9f7a3a8c-7d4f-4fcd-9d7e-4b0d0a5f6e55',
  NOTIFY_TEMPLATE_OFFICER_MILESTONE: '0a8b4b9d-8e5a-4ade-8e8f-5c1e1b6a7f66',
  NOTIFY_TEMPLATE_OFFICER_FEEDBACK_DUE: '1b9c5cae-9f6b-4bef-9f9a-6d2f2c7b8a77',
  NOTIFY_TEMPLATE_OFFICER_DAILY_SUMMARY: '2cad6dbf-a07c-4cf0-8a0b-7e3a3d8c9b88',
}

export interface NotifyEmailRequest {
  template_id: string
  email_address: string
  personalisation: Record<string, string>
  reference?: string
  one_click_unsubscribe_url?: string
}

export interface TestNotifyServer {
  url: string
  received: NotifyEmailRequest[]
  /** Requests refused, with why: a test expects none. */
  refused: string[]
  listening: Promise<void>
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url')

/** Checks a token as Notify documents: HS256, iss = the service id, iat within 30 seconds, signed with the secret. */
function tokenProblem(authorization: string | undefined): string | null {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  const [header, payload, signature] = token?.split('.') ?? []
  if (!header || !payload || !signature) return 'no bearer token'
  const expected = base64url(crypto.createHmac('sha256', NOTIFY_SECRET).update(`${header}.${payload}`).digest())
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return 'bad signature'
  }
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }
  if (alg !== 'HS256') return `algorithm ${alg}`
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; iat?: number }
  if (claims.iss !== NOTIFY_SERVICE_ID) return 'wrong iss'
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'iat not within 30s'
  return null
}

function bodyProblem(body: Partial<NotifyEmailRequest>): string | null {
  if (typeof body.template_id !== 'string' || !/^[0-9a-f-]{36}$/.test(body.template_id)) return 'template_id'
  if (typeof body.email_address !== 'string' || !body.email_address.includes('@')) return 'email_address'
  const values = Object.values(body.personalisation ?? {})
  if (values.some((value) => typeof value !== 'string')) return 'personalisation'
  return null
}

/** A stand-in for GOV.UK Notify's API on 127.0.0.1: it accepts POST /v2/notifications/email as Notify does. */
export function useNotifyServer(): TestNotifyServer {
  let listened: () => void = () => undefined
  const notify: TestNotifyServer = {
    url: '',
    received: [],
    refused: [],
    listening: new Promise((resolve) => (listened = resolve)),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      if (req.method !== 'POST' || req.url !== '/v2/notifications/email') return reply(404, {})
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Partial<NotifyEmailRequest>
      const authProblem = tokenProblem(req.headers.authorization)
      const problem = authProblem ?? bodyProblem(body)
      if (problem) {
        notify.refused.push(problem)
        const [status, error] = authProblem ? [403, 'AuthError'] : [400, 'BadRequestError']
        return reply(status, { status_code: status, errors: [{ error, message: problem }] })
      }
      notify.received.push(body as NotifyEmailRequest)
      reply(201, { id: crypto.randomUUID(), reference: body.reference ?? null, content: {}, template: {} })
    })
  })
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    notify.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    listened()
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return notify
}
