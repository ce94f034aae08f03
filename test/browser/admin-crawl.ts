import assert from 'node:assert/strict'
import type TestAgent from 'supertest/lib/agent'
import { ADMIN_ROUTES } from '../../src/admin/route-table'
import { hasRole, type Role } from '../../src/admin/users/roles'
import { TEST_BASE_URL } from '../support/app'
import { parse } from '../support/html'
import type { HtmlErrors } from './browser'

/** Crawls /admin as one officer, following links and GET forms, for admin-navigation.browser.test.ts. */

/** URLs visited per route pattern, with and without a query string: a page's variants, not all 115 responses. */
const MAX_PATHS_PER_PATTERN = 2
const MAX_QUERIES_PER_PATTERN = 2
/** A hard stop, well above what the seeded site needs, in case a link ever generates endless URLs. */
const MAX_PAGES_PER_ROLE = 300

/**
 * GET routes that cannot be reached by clicking in the seeded site, each with its reason. A
 * document download is linked from the documents page (and the consultation's page), but no seeded
 * consultation has a document to link to; the test checks that this is still so before excusing it.
 */
export const UNREACHABLE_IN_SEEDS: Record<string, string> = {
  '/admin/consultations/:id/documents/:documentId': 'no seeded consultation has documents',
}

/** Downloads: reached if they answer 200 with this content type; their contents are tested elsewhere. */
const DOWNLOAD_TYPES: Record<string, RegExp> = {
  '/admin/consultations/:slug/exports/responses.csv': /^text\/csv/,
  '/admin/consultations/:slug/exports/responses.xlsx':
    /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
  '/admin/consultations/:slug/exports/results.csv': /^text\/csv/,
}

export const REDIRECTS = [301, 302, 303, 307, 308]

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The GET patterns, most specific first: a literal segment ('/new', '/paper') beats a parameter. */
const GET_PATTERNS = ADMIN_ROUTES.filter((rule) => rule.method === 'get')
  .map((rule) => ({
    rule,
    regex: new RegExp(
      `^${rule.path
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)))
        .join('/')}$`,
    ),
    params: rule.path.split('/').filter((segment) => segment.startsWith(':')).length,
  }))
  .sort((a, b) => a.params - b.params)

const patternOf = (pathname: string): string | undefined =>
  GET_PATTERNS.find((pattern) => pattern.regex.test(pathname))?.rule.path

export interface Visit {
  url: string
  from: string
  pattern: string
  status: number
  contentType: string
  location?: string
  htmlErrors: HtmlErrors
  /** Whether html-validate read this page (one page of each route is enough). */
  validated?: boolean
  /** The page as sent, kept until it has been validated. */
  html: string
  /** The page's size, to check the smallest page of a route in Chromium, and its main content, to compare roles. */
  size: number
  main: string
}

export interface Crawl {
  visits: Visit[]
  reached: Set<string>
  required: string[]
  excused: Record<string, string>
}

/** Same-origin /admin URLs, resolved against the page they are on, without their fragment. */
function adminUrl(href: string, base: string): URL | null {
  let url: URL
  try {
    url = new URL(href, base)
  } catch {
    return null
  }
  if (url.origin !== new URL(TEST_BASE_URL).origin) return null
  if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return null
  if (url.pathname === '/admin/sign-out') return null
  url.hash = ''
  return url
}

/** The URL a GET form goes to when submitted with its default values, as a browser builds it. */
function getFormUrl(
  page: ReturnType<typeof parse>,
  form: Parameters<ReturnType<typeof parse>>[0],
  base: string,
): URL | null {
  const $form = page(form)
  const url = adminUrl($form.attr('action') ?? base, base)
  if (!url) return null
  const query = new URLSearchParams()
  $form.find('input[name], select[name], textarea[name]').each((_index, field) => {
    const $field = page(field)
    if ($field.is('[disabled]')) return
    const name = $field.attr('name')!
    if ($field.is('select')) {
      const selected = $field.find('option[selected]').first()
      const option = selected.length > 0 ? selected : $field.find('option').first()
      if (option.length > 0) query.append(name, option.attr('value') ?? option.text())
      return
    }
    if ($field.is('textarea')) {
      query.append(name, $field.text())
      return
    }
    const type = ($field.attr('type') ?? 'text').toLowerCase()
    if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) return
    if ((type === 'checkbox' || type === 'radio') && !$field.is('[checked]')) return
    query.append(name, $field.attr('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''))
  })
  url.search = query.toString()
  return url
}

export async function crawlAs(agent: TestAgent, role: Role): Promise<Crawl> {
  const visits: Visit[] = []
  const queue: { url: string; from: string }[] = [{ url: `${TEST_BASE_URL}/admin`, from: '(start)' }]
  const seen = new Set<string>(queue.map((item) => item.url))
  const counts = new Map<string, { paths: number; queries: number }>()

  const enqueue = (url: URL, from: string, uncapped = false) => {
    const href = url.toString()
    if (seen.has(href)) return
    seen.add(href)
    if (uncapped) return void queue.push({ url: href, from })
    // A path that matches no GET route (a POST-only address, say) is still visited once, so a broken link shows.
    const key = patternOf(url.pathname) ?? url.pathname
    const count = counts.get(key) ?? { paths: 0, queries: 0 }
    counts.set(key, count)
    if (url.search) {
      if (count.queries >= MAX_QUERIES_PER_PATTERN) return
      count.queries++
    } else {
      if (count.paths >= MAX_PATHS_PER_PATTERN) return
      count.paths++
    }
    queue.push({ url: href, from })
  }

  while (queue.length > 0 && visits.length < MAX_PAGES_PER_ROLE) {
    const { url, from } = queue.shift()!
    const pathname = new URL(url).pathname
    const response = await agent.get(url.slice(TEST_BASE_URL.length))
    const contentType = response.headers['content-type'] ?? ''
    const visit: Visit = {
      url: url.slice(TEST_BASE_URL.length),
      from,
      pattern: patternOf(pathname) ?? '(no GET route)',
      status: response.status,
      contentType,
      htmlErrors: [],
      html: '',
      size: response.text.length,
      main: '',
    }
    visits.push(visit)
    if (REDIRECTS.includes(response.status)) {
      // A route that sends the officer on (the survey preview, to its first page) is reached if its target answers 200.
      const target = adminUrl(String(response.headers.location), url)
      visit.location = target ? target.toString().slice(TEST_BASE_URL.length) : String(response.headers.location)
      if (target) enqueue(target, visit.url, true)
      continue
    }
    if (response.status !== 200 || !contentType.startsWith('text/html')) continue
    visit.html = response.text
    const page = parse(response.text)
    visit.main = (page('main').html() ?? '').replace(/name="_csrf" value="[^"]*"/g, '')
    page('a[href]').each((_index, link) => {
      const target = adminUrl(page(link).attr('href')!, url)
      if (target) enqueue(target, visit.url)
    })
    page('form').each((_index, form) => {
      if ((page(form).attr('method') ?? 'get').toLowerCase() !== 'get') return
      const target = getFormUrl(page, form, url)
      if (target) enqueue(target, visit.url)
    })
  }
  assert.ok(
    queue.length === 0,
    `${role}: stopped at the cap of ${MAX_PAGES_PER_ROLE} pages with ${queue.length} still to visit`,
  )

  const byUrl = new Map(visits.map((visit) => [visit.url, visit]))
  const arrivesAt = (visit: Visit, hops = 0): Visit | undefined =>
    REDIRECTS.includes(visit.status) && visit.location && hops < 5
      ? byUrl.get(visit.location) && arrivesAt(byUrl.get(visit.location)!, hops + 1)
      : visit
  const reached = new Set<string>()
  for (const visit of visits) {
    const arrived = arrivesAt(visit)
    if (arrived?.status !== 200) continue
    const download = DOWNLOAD_TYPES[visit.pattern]
    if (download ? download.test(arrived.contentType) : arrived.contentType.startsWith('text/html'))
      reached.add(visit.pattern)
  }
  const excused = Object.fromEntries(Object.entries(UNREACHABLE_IN_SEEDS).filter(([pattern]) => !reached.has(pattern)))
  const required = GET_PATTERNS.filter(({ rule }) => hasRole(role, rule.role)).map(({ rule }) => rule.path)
  return { visits, reached, required, excused }
}
