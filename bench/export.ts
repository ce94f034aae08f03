/**
 * bench/export: 20 questions and 1,000,000 responses on the real PostgreSQL. Times the CSV export over
 * HTTP against psql's \copy of the same flattened rows, samples the app's peak RSS at 100k and at 1M
 * responses, and times the results pages. Creates and drops its own database.
 * The app runs as in production: compiled JS (npm run build:server), node with no extra flags.
 *   npm run bench:export            (BENCH_URL=postgres://postgres@127.0.0.1:5432/postgres by default)
 *   BENCH_MAX_RESPONSES=100000 npm run bench:export    (the 100k step only, for a quicker look)
 *   BENCH_RUNS=3 npm run bench:export                  (the best of 3 runs of each timing; 2 by default)
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import knex from 'knex'
import { exportPlan } from '../src/exports/columns'
import { createExportRepository } from '../src/exports/repository'
import { migrateToLatest } from '../src/db/migrations'
import { numberedQuestions } from '../src/results/service'
import { present } from '../src/shared/present'
import { adminConnection, databaseUrl } from '../src/db/provision'
import { startApp, stopApp } from './app-process'
import { createBenchConsultation, generateResponses } from './generate'
import { BENCH_OFFICER } from './officer'

const SERVER_URL = process.env.BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = `hub_bench_${process.pid}`
const SLUG = 'bench-export'
const PORT = 3900 + (process.pid % 90)
const url = databaseUrl(SERVER_URL, DATABASE)
const MAX_RESPONSES = Number(process.env.BENCH_MAX_RESPONSES ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 2)

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(field))
  return Number(line?.match(/\d+/)?.[0] ?? 0)
}

function startBenchApp() {
  return startApp({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PORT: String(PORT),
    BASE_URL: `http://127.0.0.1:${PORT}`,
    // As behind the TLS proxy of production (deploy/nginx.conf): the session cookie is Secure, so it is only
    // set on a request that the trusted proxy says came over HTTPS.
    TRUST_PROXY: 'loopback',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-123',
    LOG_LEVEL: 'silent',
    BENCH_EMAIL: BENCH_OFFICER.email,
    BENCH_PASSWORD: BENCH_OFFICER.password,
  })
}

/** What the TLS proxy adds to each request. */
const VIA_PROXY = { 'x-forwarded-proto': 'https' }

/** The signed-in analyst's session cookie, sent with every GET. */
let sessionCookie = ''

/** One request on a connection of its own, with the body as text and the cookie it set. */
function send(method: string, pathname: string, body = ''): Promise<{ status: number; text: string; cookie: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...VIA_PROXY, cookie: sessionCookie }
    if (body)
      Object.assign(headers, {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
      })
    const req = http.request(
      { host: '127.0.0.1', port: PORT, path: pathname, method, agent: false, headers },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text,
            cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '',
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Signs in as the benchmark's analyst, as a browser would: the form's CSRF token, then the password. */
async function signIn(): Promise<void> {
  // A fresh visitor: with the last measurement's session the sign-in page would send the analyst on.
  sessionCookie = ''
  const form = await send('GET', '/admin/sign-in')
  sessionCookie = form.cookie
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? ''
  const fields = new URLSearchParams({ _csrf: token, email: BENCH_OFFICER.email, password: BENCH_OFFICER.password })
  const signedIn = await send('POST', '/admin/sign-in', fields.toString())
  if (signedIn.status !== 303) throw new Error(`bench sign-in failed with ${signedIn.status}`)
  sessionCookie = signedIn.cookie || sessionCookie
}

/**
 * GETs a path on a connection of its own, discarding the body; gives the time taken and the bytes
 * received. (A kept-alive connection would be closed by the app after 5 idle seconds, such as a long \copy.)
 */
function get(pathname: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port: PORT,
          path: pathname,
          agent: false,
          headers: { ...VIA_PROXY, cookie: sessionCookie },
        },
        (res) => {
          let bytes = 0
          res.on('data', (chunk: Buffer) => (bytes += chunk.length))
          res.on('end', () => resolve({ ms: performance.now() - started, bytes, status: res.statusCode ?? 0 }))
        },
      )
      .on('error', reject)
  })
}

/** psql's \copy of the same rows to a file, as the app's database session runs them (JIT off). */
function copyToFile(copySql: string): { ms: number; bytes: number } {
  const copyFile = path.join(os.tmpdir(), `${DATABASE}.csv`)
  const started = performance.now()
  execFileSync(
    'psql',
    [
      '-X',
      '-q',
      '-d',
      url,
      '-c',
      'set jit = off',
      '-c',
      `\\copy (${copySql.replace(/\s+/g, ' ')}) to '${copyFile}' with (format csv, header)`,
    ],
    { stdio: 'inherit' },
  )
  const ms = performance.now() - started
  const bytes = fs.statSync(copyFile).size
  fs.rmSync(copyFile)
  return { ms, bytes }
}

/** Samples the app's RSS every 50 ms while `work` runs. */
async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakKb: number }> {
  let peakKb = rssKb(pid, 'VmRSS')
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(pid, 'VmRSS'))), 50)
  try {
    return { result: await work(), peakKb: Math.max(peakKb, rssKb(pid, 'VmRSS')) }
  } finally {
    clearInterval(sampler)
  }
}

const EXPORTS = `/admin/consultations/${SLUG}/exports`

/** A page of each kind: the overview, every kind of question, a filter, a text search and cross-tabs. */
const RESULTS_PAGES = [
  'results',
  'results/questions/single-1',
  'results/questions/multiple-1',
  'results/questions/agreement-1',
  'results/questions/number-1',
  'results/questions/date-1',
  'results/questions/text-1',
  'results/questions/text-1?search=12345',
  'results/questions/single-1?channel=paper&from=2024-01-03',
  'results/questions/single-1?by=single-2',
  'results/questions/agreement-1?by=multiple-1',
  'results/questions/multiple-1?by=single-1',
  'results/questions/multiple-1?by=multiple-2',
  'results/questions/number-1?channel=paper',
  'results/questions/date-1?from=2024-01-05',
  'results/questions/text-2?to=2024-01-03&page=3',
]

/**
 * Runs the CSV export and the \copy in turn RUNS times and keeps the fastest of each, so that a
 * cold page cache or a busy neighbour does not decide the ratio; the peak RSS is the highest seen.
 */
async function measureExport(responses: number, copySql: string) {
  const child = await startBenchApp()
  await signIn()
  const pid = present(child.pid, 'The app process id')
  await get(`/admin/consultations/${SLUG}/results`)
  const idleKb = rssKb(pid, 'VmRSS')
  let exportMs = Infinity
  let copyMs = Infinity
  let peakKb = 0
  let exported = { bytes: 0, status: 0 }
  let copied = { ms: 0, bytes: 0 }
  for (let run = 0; run < RUNS; run++) {
    const { result, peakKb: runPeakKb } = await peakRssDuring(pid, () => get(`${EXPORTS}/responses.csv`))
    exported = result
    exportMs = Math.min(exportMs, result.ms)
    peakKb = Math.max(peakKb, runPeakKb)
    copied = copyToFile(copySql)
    copyMs = Math.min(copyMs, copied.ms)
  }
  const xlsx = await peakRssDuring(pid, () => get(`${EXPORTS}/responses.xlsx`))
  // The first view computes the figures (aggregate SQL); a repeat view reads them from results_cache.
  const pages: Record<string, { first: number; again: number }> = {}
  for (const page of RESULTS_PAGES) {
    const first = (await get(`/admin/consultations/${SLUG}/${page}`)).ms
    pages[page] = { first, again: (await get(`/admin/consultations/${SLUG}/${page}`)).ms }
  }
  await stopApp(child)

  console.log(`\n${responses.toLocaleString('en-GB')} responses (best of ${RUNS} runs)`)
  console.log(`  CSV export over HTTP: ${seconds(exportMs)} (${mb(exported.bytes / 1024)}, status ${exported.status})`)
  console.log(
    `  psql \\copy of the same flattened rows (the SQL the export reads, unfiltered): ${seconds(copyMs)} ` +
      `(${mb(copied.bytes / 1024)})`,
  )
  console.log(`  ratio export / \\copy: ${(exportMs / copyMs).toFixed(2)}x (target <= 2x)`)
  console.log(`  app RSS before the export: ${mb(idleKb)}; peak during it: ${mb(peakKb)} (target <= 200 MB)`)
  console.log(
    `  XLSX export over HTTP: ${seconds(xlsx.result.ms)} (${mb(xlsx.result.bytes / 1024)}, ` +
      `status ${xlsx.result.status}); peak RSS ${mb(xlsx.peakKb)}`,
  )
  for (const [page, { first, again }] of Object.entries(pages))
    console.log(
      `  results page ${page}: first view ${first.toFixed(0)} ms, again ${again.toFixed(0)} ms (target < 1000 ms)`,
    )
  return { exportMs, copyMs, peakKb, pages }
}

async function main() {
  execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' })
  const admin = adminConnection(SERVER_URL)
  await admin.raw('CREATE DATABASE ??', [DATABASE])
  await admin.destroy()
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 4 } })
  try {
    await migrateToLatest(db)
    const { consultationId, survey } = await createBenchConsultation(db, SLUG)
    const copySql = createExportRepository(db).flattenedSql(
      consultationId,
      exportPlan(numberedQuestions(survey), { optionColumns: false, withCodes: false }),
    )

    let started = performance.now()
    await generateResponses(db, consultationId, survey.id, 1, 100_000)
    console.log(`generated 100,000 responses in ${seconds(performance.now() - started)}`)
    const small = await measureExport(100_000, copySql)

    if (MAX_RESPONSES <= 100_000) return
    started = performance.now()
    await generateResponses(db, consultationId, survey.id, 100_001, 1_000_000)
    console.log(`\ngenerated 900,000 more responses in ${seconds(performance.now() - started)}`)
    const large = await measureExport(1_000_000, copySql)

    const slowest = (view: 'first' | 'again') =>
      Math.max(...Object.values(large.pages).map((times) => times[view])).toFixed(0)
    console.log(
      `\nSummary: export/\\copy ratio ${(small.exportMs / small.copyMs).toFixed(2)}x at 100k, ` +
        `${(large.exportMs / large.copyMs).toFixed(2)}x at 1M; ` +
        `peak RSS ${mb(small.peakKb)} at 100k, ${mb(large.peakKb)} at 1M; ` +
        `slowest results page at 1M ${slowest('first')} ms at first view, ` +
        `${slowest('again')} ms again`,
    )
  } finally {
    await db.destroy()
    const cleanup = adminConnection(SERVER_URL)
    await cleanup.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [DATABASE])
    await cleanup.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
