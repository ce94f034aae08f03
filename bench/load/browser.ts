/**
 * A browser without JavaScript, for one resident: a keep-alive HTTPS (or, with no certificate, HTTP)
 * connection, a cookie jar, links and redirects followed, forms sent with their hidden fields, and the
 * headers a browser adds to each.
 */
import http from 'node:http'
import https from 'node:https'
import * as cheerio from 'cheerio'

export interface Page {
  url: string
  status: number
  html: string
  $: cheerio.CheerioAPI
}

export interface BrowserOptions {
  origin: string
  /** nginx's self-signed certificate, for an https origin. */
  certificate?: Buffer
  /** The resident's own address, stated to nginx (see bench/load/nginx.ts). */
  address: string
  /** Called with every response's status and time taken, redirects included. */
  onResponse: (status: number, ms: number) => void
  /** Headers added to every request, such as a proxy's X-Forwarded-Proto when there is no nginx. */
  headers?: Record<string, string>
}

type Fields = Record<string, string | string[]>

/**
 * htmlparser2, in its HTML mode, rather than cheerio's default parse5: the residents share the machine with the
 * app they load, and parse5 cost them about three times the CPU for the little they read of each page.
 */
const HTMLPARSER2 = { xml: { xmlMode: false } }

export function createBrowser({ origin, certificate, address, onResponse, headers: extra }: BrowserOptions) {
  const secure = origin.startsWith('https:')
  const client = secure ? https : http
  const agent = secure
    ? new https.Agent({ ca: certificate, keepAlive: true, maxSockets: 1 })
    : new http.Agent({ keepAlive: true, maxSockets: 1 })
  const cookies = new Map<string, string>()
  /** Attributes of each cookie as last set, to check what the app asked of the browser. */
  const cookieAttributes = new Map<string, string>()

  function keepCookies(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      cookieAttributes.set(name, attributes.join(';').trim())
      if (value === '' || /max-age=0\b/i.test(header)) cookies.delete(name)
      else cookies.set(name, value)
    }
  }

  function send(
    method: 'GET' | 'POST',
    url: string,
    body?: string,
  ): Promise<{ status: number; text: string; location?: string }> {
    const headers: Record<string, string> = {
      ...extra,
      accept: 'text/html',
      'x-forwarded-for': address,
      'sec-fetch-mode': 'navigate',
      'sec-fetch-site': 'same-origin',
    }
    if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers.origin = origin
    }
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = client.request(new URL(url, origin), { method, agent, headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          const status = res.statusCode ?? 0
          onResponse(status, performance.now() - started)
          keepCookies(res.headers['set-cookie'] ?? [])
          resolve({ status, text, location: res.headers.location })
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  /** Sends a request and follows redirects, as a browser does (a 303 becomes a GET). */
  async function navigate(method: 'GET' | 'POST', url: string, body?: string): Promise<Page> {
    let response = await send(method, url, body)
    let current = url
    for (let hops = 0; response.location && response.status >= 300 && response.status < 400; hops++) {
      if (hops === 10) throw new Error(`too many redirects from ${url}`)
      const next = new URL(response.location, new URL(current, origin))
      current = next.pathname + next.search
      response = await send('GET', current)
    }
    return { url: current, status: response.status, html: response.text, $: cheerio.load(response.text, HTMLPARSER2) }
  }

  return {
    get: (url: string) => navigate('GET', url),

    /**
     * Sends the page's form that holds a CSRF token: its hidden fields, with `fields` filled in (the button
     * pressed included, as its name and value).
     */
    submit(page: Page, fields: Fields = {}): Promise<Page> {
      const form = page.$('form').filter((_, element) => page.$(element).find('input[name="_csrf"]').length > 0)
      if (form.length === 0) throw new Error(`no form with a CSRF token on ${page.url} (status ${page.status})`)
      const body = new URLSearchParams()
      form
        .first()
        .find('input[type="hidden"]')
        .each((_, input) => {
          const name = page.$(input).attr('name')
          if (name) body.append(name, page.$(input).attr('value') ?? '')
        })
      for (const [name, value] of Object.entries(fields))
        for (const each of Array.isArray(value) ? value : [value]) body.append(name, each)
      return navigate('POST', form.first().attr('action') ?? page.url, body.toString())
    },

    cookieAttributes: (name: string) => cookieAttributes.get(name),
    /** The Cookie header this browser sends now. */
    cookieHeader: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    close: () => agent.destroy(),
  }
}

export type Browser = ReturnType<typeof createBrowser>
