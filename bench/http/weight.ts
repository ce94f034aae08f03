/**
 * A page's first-visit weight as a browser fetches it with an empty cache: its HTML, stylesheets, scripts
 * and images (those in the HTML and those the stylesheets reference, fonts included), each compressed as
 * the app sends it to a browser that accepts Brotli and gzip. Bytes on the wire, headers left out.
 */
import http from 'node:http'
import * as cheerio from 'cheerio'

interface Fetched {
  status: number
  bytes: number
  encoding: string
  text: string
}

function fetchCompressed(url: URL, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          const encoding = res.headers['content-encoding'] ?? 'identity'
          // Only the uncompressed text of HTML and CSS is read, for the files they reference.
          const text = encoding === 'identity' ? body.toString('utf8') : ''
          resolve({ status: res.statusCode ?? 0, bytes: body.length, encoding, text })
        })
      })
      .on('error', reject)
  })
}

function fetchText(url: URL, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, 'accept-encoding': 'identity' } }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(text))
      })
      .on('error', reject)
  })
}

export interface PageWeight {
  total: number
  parts: { kind: string; path: string; bytes: number; encoding: string }[]
  /** References the server does not answer with a 200, such as a stylesheet's image that is not served. */
  missing: string[]
}

export async function firstVisitWeight(
  origin: string,
  path: string,
  headers: Record<string, string>,
): Promise<PageWeight> {
  const pageUrl = new URL(path, origin)
  const parts: PageWeight['parts'] = []
  const missing: string[] = []
  const seen = new Set<string>()
  const add = async (kind: string, url: URL) => {
    if (url.origin !== pageUrl.origin || seen.has(url.pathname)) return
    seen.add(url.pathname)
    const { status, bytes, encoding } = await fetchCompressed(url, headers)
    if (status === 200) parts.push({ kind, path: url.pathname, bytes, encoding })
    else missing.push(`${kind} ${url.pathname} (${status})`)
  }
  await add('html', pageUrl)
  const $ = cheerio.load(await fetchText(pageUrl, headers))
  const stylesheets = $('link[rel="stylesheet"]')
    .map((_, element) => $(element).attr('href'))
    .get()
  for (const href of stylesheets) {
    const url = new URL(href, pageUrl)
    await add('css', url)
    const css = await fetchText(url, headers)
    for (const [, reference = ''] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g))
      // A browser fetches one format of a font: the woff2, never the woff beside it.
      if (!reference.startsWith('data:') && !/\.woff($|\?)/.test(reference))
        await add('css url()', new URL(reference, url))
  }
  for (const src of $('script[src]')
    .map((_, element) => $(element).attr('src'))
    .get())
    await add('js', new URL(src, pageUrl))
  for (const src of $('img[src]')
    .map((_, element) => $(element).attr('src'))
    .get())
    await add('image', new URL(src, pageUrl))
  return { total: parts.reduce((sum, part) => sum + part.bytes, 0), parts, missing }
}
