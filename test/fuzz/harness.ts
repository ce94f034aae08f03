import fc from 'fast-check'
import type { Knex } from 'knex'
import type { Response } from 'supertest'
import type { Express } from 'express'
import { REQUIRE_TWO_FACTOR } from '../../src/admin/settings'
import { type FuzzFixtures, openFuzzFixtures, type RouteParams, type SignedSession } from './fixtures'
import { type FormFields, formFieldsOf } from './forms'
import type { FuzzRoute } from './routes'
import { formBody, type FormPairs, GARBAGE_PARAMS, hostileText, MARKUP_MARKERS, urlencoded } from './values'

/** The test app (templates compiled once, as in production), over plain HTTP on loopback. */
export const FUZZ_APP_ENV = {
  SESSION_SECRET: 'fuzzing-only-session-secret-of-32-characters-or-more',
}

/** Tables written whatever the form held: the session store and the rate limiters' counters. */
const BOOKKEEPING_TABLES = new Set(['sessions', 'rate_limit_counters', 'sign_in_backoffs'])
const WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+"?(\w+)"?/gi

/** Rows a statement changed, as knex reports them: a count for updates and deletes, a result otherwise. */
const rowsChanged = (response: unknown): number => {
  if (typeof response === 'number') return response
  if (Array.isArray(response)) return response.length
  const result = response as { rowCount?: unknown; affectedRows?: unknown } | null
  return Number(result?.rowCount ?? result?.affectedRows ?? 1)
}

/** Records the tables whose rows data-changing SQL changed, as knex reports it (transactions included). */
export function watchWrites(db: Knex): { take: () => string[] } {
  let tables: string[] = []
  db.on('query-response', (response: unknown, query: { sql?: string }) => {
    const sql = query.sql ?? ''
    if (/^\s*select\b/i.test(sql) || rowsChanged(response) === 0) return
    for (const [, table] of sql.matchAll(WRITE))
      if (table && !BOOKKEEPING_TABLES.has(table) && table.toLowerCase() !== 'set') tables.push(table)
  })
  return {
    take: () => {
      const taken = [...new Set(tables)]
      tables = []
      return taken
    },
  }
}

export interface FuzzCase {
  params: RouteParams
  pairs: FormPairs
  file: { filename: string; content: Buffer } | null
}

export interface RouteTally {
  path: string
  cases: number
  statuses: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  failures: string[]
  /** This process's CPU time for the route's cases: on PGlite, near what an idle machine would take. */
  cpuMs: number
}

const paramNamesOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map(([, name]) => name!)
const concretePath = (path: string, params: RouteParams) =>
  path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name)

const FILE_CONTENTS = [
  Buffer.from('%PDF-1.4\n%fuzz\n'),
  Buffer.from('<script>x</script>'),
  Buffer.alloc(0),
  Buffer.from([0, 255, 0, 1, 2, 3, 0x89, 0x50, 0x4e, 0x47]),
]
const fileArbitrary = fc.option(
  fc.record({
    filename: hostileText(['minutes.pdf', 'plan.docx', '../../etc/passwd.pdf', 'a.exe']).map((name) =>
      name.replace(/[\r\n"\\]/g, '').slice(0, 300),
    ),
    content: fc.constantFrom(...FILE_CONTENTS),
  }),
)

function paramsArbitrary(path: string, sets: readonly RouteParams[]): fc.Arbitrary<RouteParams> {
  const names = paramNamesOf(path)
  if (names.length === 0) return fc.constant({})
  const garbled = fc
    .tuple(fc.constantFrom(...sets), fc.constantFrom(...names), fc.constantFrom(...GARBAGE_PARAMS))
    .map(([set, name, garbage]) => ({ ...set, [name]: garbage }))
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...sets) }, { weight: 1, arbitrary: garbled })
}

/** The route's fields: those its form page shows (for the first set of parameters it renders for) and its own. */
export async function fieldsOf(route: FuzzRoute, fixtures: FuzzFixtures): Promise<FormFields> {
  const fields: FormFields = { ...(route.path.endsWith('/resume/email') ? fixtures.resumeForm : {}) }
  const session = route.sessions.includes('admin') ? fixtures.sessions.admin : fixtures.sessions.visitor
  for (const params of route.formPage ? fixtures.paramSets : []) {
    const page = await session.agent.get(concretePath(route.formPage!, params))
    if (page.status !== 200) continue
    Object.assign(fields, formFieldsOf(page.text, concretePath(route.path, params)))
    break
  }
  for (const [name, values] of Object.entries(route.fields ?? {})) fields[name] = [...(fields[name] ?? []), ...values]
  return fields
}

export const caseArbitrary = (route: FuzzRoute, fields: FormFields, sets: readonly RouteParams[]) =>
  fc.record({
    params: paramsArbitrary(route.path, sets),
    pairs: formBody(fields),
    file: route.multipart ? fileArbitrary : fc.constant(null),
  })

/** Responses come uncompressed: compressing them is tested elsewhere, and would only slow the cases down. */
const UNCOMPRESSED = { 'Accept-Encoding': 'identity' }

function send(session: SignedSession, path: string, fuzz: FuzzCase, route: FuzzRoute): Promise<Response> {
  if (route.method === 'get') return session.agent.get(`${path}?${urlencoded(fuzz.pairs)}`).set(UNCOMPRESSED)
  if (!route.multipart)
    return session.agent.post(path).set(UNCOMPRESSED).type('form').send(urlencoded(fuzz.pairs, session.token))
  let post = session.agent.post(path).set(UNCOMPRESSED).field('_csrf', session.token)
  for (const [name, value] of fuzz.pairs) post = post.field(name, 'text' in value ? value.text : value.encoded)
  return fuzz.file ? post.attach('document', fuzz.file.content, { filename: fuzz.file.filename || 'x' }) : post
}

const isValidationError = (response: Response) =>
  response.status === 400 || response.status === 422 || response.text.includes('govuk-error-summary')

/** What is wrong with one response: a server error, reflected markup, a write from an invalid form, a lost session. */
function problemsOf(response: Response, writes: string[], officer: boolean): string[] {
  const problems: string[] = []
  if (response.status >= 500) problems.push(`server error ${response.status}`)
  for (const marker of MARKUP_MARKERS) if (response.text.includes(marker)) problems.push(`reflected ${marker}`)
  if (writes.length > 0 && isValidationError(response)) problems.push(`wrote ${writes.join(', ')} from invalid input`)
  if (response.status === 403 && response.text.includes('your form could not be sent'))
    problems.push('CSRF token refused: the case never reached the handler')
  if (officer && response.headers.location === '/admin/sign-in')
    problems.push('signed out: no longer reaches the handler')
  return problems
}

/** The case in short: the parameters the route uses, the fields sent (long values cut), and whether one held a NUL. */
function describeCase(route: FuzzRoute, fuzz: FuzzCase): string {
  const params = Object.fromEntries(paramNamesOf(route.path).map((name) => [name, fuzz.params[name]]))
  const body = fuzz.pairs.map(([name, value]) => [name, ('text' in value ? value.text : value.encoded).slice(0, 40)])
  const nul = fuzz.pairs.some(([, value]) => 'text' in value && value.text.includes('\u0000')) ? ' [NUL in body]' : ''
  return JSON.stringify({ params, body, file: fuzz.file?.filename }).slice(0, 300) + nul
}

/** Sends `count` generated cases to the route, its sessions taking turns, and tallies what came back. */
export async function fuzzRoute(
  route: FuzzRoute,
  fixtures: FuzzFixtures,
  writes: { take: () => string[] },
  options: { count: number; seed: number; afterCase?: () => Promise<void> },
): Promise<RouteTally> {
  const fields = await fieldsOf(route, fixtures)
  const samples = fc.sample(caseArbitrary(route, fields, fixtures.paramSets), {
    numRuns: options.count,
    seed: options.seed,
  })
  const started = process.cpuUsage()
  const statuses = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
  const tally: RouteTally = { path: route.path, cases: 0, statuses, failures: [], cpuMs: 0 }
  for (const [index, fuzz] of samples.entries()) {
    const who = route.sessions[index % route.sessions.length]!
    const session = who === 'leaver' ? await fixtures.freshSession() : fixtures.sessions[who]
    writes.take()
    const response = await send(session, concretePath(route.path, fuzz.params), fuzz, route)
    const problems = problemsOf(response, writes.take(), ['analyst', 'editor', 'admin'].includes(who))
    await options.afterCase?.()
    tally.cases += 1
    tally.statuses[`${Math.min(5, Math.floor(response.status / 100))}xx` as keyof RouteTally['statuses']] += 1
    if (problems.length > 0)
      tally.failures.push(`${who} → ${response.status}: ${problems.join('; ')} ${describeCase(route, fuzz)}`)
  }
  const used = process.cpuUsage(started)
  tally.cpuMs = Math.round((used.user + used.system) / 1000)
  return tally
}

export interface FuzzRun {
  fixtures: FuzzFixtures
  run: (route: FuzzRoute, count: number, seed: number) => Promise<RouteTally>
}

/** Opens the fixtures and watches writes; a case that turns two-factor sign-in on for everyone is undone after it. */
export async function openFuzzRun(app: Express, db: Knex): Promise<FuzzRun> {
  const fixtures = await openFuzzFixtures(app, db)
  const writes = watchWrites(db)
  const undoRequiredTwoFactor = async () => {
    await db('site_settings').where({ key: REQUIRE_TWO_FACTOR }).delete()
  }
  return {
    fixtures,
    run: (route, count, seed) =>
      fuzzRoute(route, fixtures, writes, {
        count,
        seed,
        afterCase: route.path === '/admin/settings' ? undoRequiredTwoFactor : undefined,
      }),
  }
}
