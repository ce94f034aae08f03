/**
 * A browser without JavaScript, for one resident: a keep-alive HTTPS (or, with no certificate, HTTP)
 * connection, a cookie jar, links and redirects followed, forms sent with their hidden fields, and the
 * headers a browser adds to each.
 */
import * as cheerio from 'cheerio'
import { Parser } from 'htmlparser2'
import { Client, type Dispatcher } from 'undici'

export interface Page {
  url: string
  status: number
  html: string
  /** The page parsed, on first use: most pages are only read for their form, which needs no parse tree. */
  readonly $: cheerio.CheerioAPI
}

interface Form {
  action: string | undefined
  hidden: [string, string][]
}

/** The first form on the page that holds a CSRF token: its action and its hidden fields, in order. */
function formWithToken(html: string): Form | undefined {
  let current: (Form & { hasToken: boolean }) | undefined
  let found: Form | undefined
  const parser = new Parser({
    onopentag(name, attributes) {
      if (found) return
      if (name === 'form') current = { action: attributes.action, hidden: [], hasToken: false }
      else if (name === 'input' && current && attributes.type === 'hidden' && attributes.name) {
        current.hidden.push([attributes.name, attributes.value ?? ''])
        if (attributes.name === '_csrf') current.hasToken = true
      }
    },
    onclosetag(name) {
      if (name !== 'form' || !current) return
      if (current.hasToken) {
        found = { action: current.action, hidden: current.hidden }
        parser.pause()
      }
      current = undefined
    },
  })
  // From the first form to the end of the one wanted: the rest of the page is not read.
  const start = html.indexOf('<form')
  if (start >= 0) parser.write(html.slice(start))
  return found
}

function pageOf(url: string, status: number, html: string): Page {
  let parsed: cheerio.CheerioAPI | undefined
  return {
    url,
    status,
    html,
    get $() {
      parsed ??= cheerio.load(html, HTMLPARSER2)
      return parsed
    },
  }
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
  /**
   * Connections shared by many residents, as autocannon keeps its own to the bare server; without it, the
   * browser opens one of its own, as a resident's browser would.
   */
  connections?: Dispatcher
}

type Fields = Record<string, string | string[]>

/**
 * htmlparser2, in its HTML mode, rather than cheerio's default parse5: the residents share the machine with the
 * app they load, and parse5 cost them about three times the CPU for the little they read of each page.
 */
const HTMLPARSER2 = { xml: { xmlMode: false } }

export function createBrowser(options: BrowserOptions) {
  const { origin, certificate, address, onResponse, headers: extra } = options
  const client = options.connections ?? new Client(origin, { connect: certificate ? { ca: certificate } : undefined })
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

  async function send(
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
    const target = new URL(url, origin)
    const response = await client.request({ path: target.pathname + target.search, method, headers, body })
    const text = await response.body.text()
    onResponse(response.statusCode, performance.now() - started)
    const setCookie = response.headers['set-cookie'] ?? []
    keepCookies(Array.isArray(setCookie) ? setCookie : [setCookie])
    const location = response.headers.location
    return { status: response.statusCode, text, location: Array.isArray(location) ? location[0] : location }
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
    return pageOf(current, response.status, response.text)
  }

  return {
    get: (url: string) => navigate('GET', url),

    /**
     * Sends the page's form that holds a CSRF token: its hidden fields, with `fields` filled in (the button
     * pressed included, as its name and value).
     */
    submit(page: Page, fields: Fields = {}): Promise<Page> {
      const form = formWithToken(page.html)
      if (!form) throw new Error(`no form with a CSRF token on ${page.url} (status ${page.status})`)
      const body = new URLSearchParams(form.hidden)
      for (const [name, value] of Object.entries(fields))
        for (const each of Array.isArray(value) ? value : [value]) body.append(name, each)
      return navigate('POST', form.action ?? page.url, body.toString())
    },

    cookieAttributes: (name: string) => cookieAttributes.get(name),
    /** The Cookie header this browser sends now. */
    cookieHeader: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    close: () => {
      if (!options.connections) void client.destroy()
    },
  }
}

export type Browser = ReturnType<typeof createBrowser>
