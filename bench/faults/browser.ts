import http from 'node:http'

export interface Reply {
  method: string
  path: string
  status: number
  /** When the request started and how long it took to the last byte, in ms (performance.now()). */
  startedAt: number
  ms: number
  text: string
  headers: http.IncomingHttpHeaders
  withCookie: boolean
  /** A network failure or the client's own timeout, with no status. */
  error?: string
}

export type ReplySink = (reply: Reply) => void

const REQUEST_TIMEOUT_MS = 15_000
const HALF_SENT_PAUSE_MS = 100

export const SERVICE_PROBLEM = 'Sorry, there is a problem with the service'

/** A 503 page as the app gives it while the database is unavailable. */
export const isServiceProblemPage = (reply: Reply): boolean =>
  reply.status === 503 && reply.text.includes(SERVICE_PROBLEM) && reply.headers['retry-after'] !== undefined

/**
 * One simulated browser behind the site's TLS-terminating proxy: a cookie jar (its Secure cookies are
 * sent, as over HTTPS), X-Forwarded-Proto and its own X-Forwarded-For, and Fetch Metadata on form posts.
 */
export class Browser {
  private readonly cookies = new Map<string, string>()

  constructor(
    private readonly port: number,
    private readonly ip: string,
    private readonly sink: ReplySink = () => undefined,
  ) {}

  get hasCookies(): boolean {
    return this.cookies.size > 0
  }

  get(path: string): Promise<Reply> {
    return this.send('GET', path)
  }

  /** A form post; with `beforeRest`, the request is sent in two halves and `beforeRest` runs between them. */
  post(path: string, fields: Record<string, string | string[]>, beforeRest?: () => Promise<void>): Promise<Reply> {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
    return this.send('POST', path, body.toString(), beforeRest)
  }

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** The headers the site's proxy adds to every request. */
  proxyHeaders(): http.OutgoingHttpHeaders {
    return { 'x-forwarded-proto': 'https', 'x-forwarded-for': this.ip }
  }

  private send(method: string, path: string, body = '', beforeRest?: () => Promise<void>): Promise<Reply> {
    const headers: http.OutgoingHttpHeaders = {
      ...this.proxyHeaders(),
      'sec-fetch-site': method === 'GET' ? 'none' : 'same-origin',
    }
    const withCookie = this.cookies.size > 0
    if (withCookie) headers.cookie = this.cookieHeader()
    if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers['content-length'] = Buffer.byteLength(body)
    }
    const startedAt = performance.now()
    return new Promise((resolve) => {
      const finish = (reply: Omit<Reply, 'method' | 'path' | 'startedAt' | 'ms' | 'withCookie'>) => {
        const complete = { ...reply, method, path, startedAt, ms: performance.now() - startedAt, withCookie }
        this.sink(complete)
        resolve(complete)
      }
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path, method, headers, agent: false, timeout: REQUEST_TIMEOUT_MS },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => {
            this.keepCookies(res.headers['set-cookie'] ?? [])
            finish({ status: res.statusCode ?? 0, text, headers: res.headers })
          })
          res.on('error', (err) => finish({ status: 0, text, headers: res.headers, error: err.message }))
        },
      )
      req.on('timeout', () => req.destroy(new Error('client timeout')))
      req.on('error', (err) => finish({ status: 0, text: '', headers: {}, error: err.message }))
      if (!beforeRest) return req.end(body)
      const half = Math.floor(body.length / 2)
      // Once the first half is on the wire, and the server has had a moment to read the headers.
      req.write(body.slice(0, half), () =>
        setTimeout(() => void beforeRest().then(() => req.end(body.slice(half))), HALF_SENT_PAUSE_MS),
      )
    })
  }

  private keepCookies(setCookies: string[]): void {
    for (const setCookie of setCookies) {
      const [pair = '', ...attributes] = setCookie.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(separator + 1).trim())
    }
  }
}
