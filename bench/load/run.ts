/**
 * bench/load: residents (200 by default) answer a three-page survey all at once, each with a browser of its own
 * (cookies, CSRF tokens, redirects; no JavaScript), through nginx over HTTPS, which shares their requests
 * between two instances of the compiled app in production mode on one PostgreSQL database. Then counts what
 * was stored. Creates and drops its own database, and stops everything it started, even on failure.
 *   npm run bench:load                    (BENCH_URL=postgres://postgres@127.0.0.1:5432/postgres by default)
 *   BENCH_RESIDENTS=500 BENCH_RAMP_SECONDS=20 npm run bench:load     (200 arriving over 10 s by default)
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import knex, { type Knex } from 'knex'
import { adminConnection, databaseUrl } from '../../src/db/provision'
import { migrateToLatest } from '../../src/db/migrations'
import { createResponseRepository } from '../../src/responses/repository'
import { createServices } from '../../src/services'
import { runSeeds } from '../../seeds'
import { buildForBench, startApp, stopApp } from '../app-process'
import { startNginx, stopNginx } from './nginx'
import { type CrowdFigures, percentile, runCrowd } from './crowd'
import { loadConsultation, loadSurvey } from './survey'

const SERVER_URL = process.env.BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = `hub_load_${process.pid}`
const url = databaseUrl(SERVER_URL, DATABASE)
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 200)
const INSTANCES = 2
/**
 * Residents arrive over this many seconds, rather than in one millisecond: each journey takes longer than
 * that, so all of them are in the survey at once, but the instances meet a crowd, not a single blow.
 */
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? 10)

/** What to undo, last first: run on the way out, however the bench ends. */
const cleanups: (() => Promise<unknown>)[] = []

async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse())
    await step().catch((err: unknown) => console.error('clean-up step failed:', err))
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** A migrated and seeded database of the bench's own, with its three-page survey open. */
async function prepareDatabase(): Promise<{ db: Knex; consultationId: number }> {
  const admin = adminConnection(SERVER_URL)
  await admin.raw('CREATE DATABASE ??', [DATABASE])
  await admin.destroy()
  cleanups.push(async () => {
    const cleanup = adminConnection(SERVER_URL)
    await cleanup.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [DATABASE])
    await cleanup.destroy()
  })
  const db = knex({ client: 'pg', connection: url, pool: { min: 0, max: 2 } })
  cleanups.push(() => db.destroy())
  await migrateToLatest(db)
  await runSeeds(db)
  const { consultationService, surveyService } = createServices(db)
  const consultationId = await consultationService.replaceConsultation(loadConsultation(new Date()))
  await surveyService.replaceSurvey(consultationId, loadSurvey)
  return { db, consultationId }
}

interface Instance {
  port: number
  child: ChildProcess
}

/** CPU time (user and system) a process has used, in ms, from /proc (100 clock ticks a second on Linux). */
function cpuMs(child: ChildProcess): number {
  const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function startInstances(origin: string): Promise<Instance[]> {
  const instances: Instance[] = []
  for (let instance = 0; instance < INSTANCES; instance++) {
    const port = await sparePort()
    const child: ChildProcess = await startApp({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      BASE_URL: origin,
      // nginx, on this machine, is the one proxy: its X-Forwarded-For and X-Forwarded-Proto are believed.
      TRUST_PROXY: 'loopback',
      SESSION_SECRET: 'bench-load-secret-bench-load-secret-1234',
      LOG_LEVEL: 'silent',
    })
    cleanups.push(() => stopApp(child))
    instances.push({ port, child })
  }
  return instances
}

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])
}

interface Measured {
  crowd: CrowdFigures
  /** Each instance's CPU time during the crowd's visit, in ms. */
  cpuUsed: number[]
  db: Knex
  consultationId: number
  upstreamLog: string
}

/** Prints what the crowd saw and what the database holds; true when the target is met. */
async function report({ crowd, cpuUsed, db, consultationId, upstreamLog }: Measured): Promise<boolean> {
  const responses = createResponseRepository(db)
  const stored = await responses.countForConsultation(consultationId)
  const references = new Set(crowd.outcomes.flatMap((outcome) => outcome.reference ?? []))
  const completed = crowd.outcomes.filter((outcome) => outcome.reference).length
  const found = await Promise.all([...references].map((reference) => responses.referenceExists(reference)))
  const duplicates = stored - references.size
  const sorted = [...crowd.latencies].sort((a, b) => a - b)
  const secure = crowd.outcomes.filter((outcome) => /(^|;)\s*secure\s*(;|$)/i.test(outcome.sessionCookie ?? ''))
  const upstreams = countBy(fs.readFileSync(upstreamLog, 'utf8').trim().split('\n'))
  const requests = crowd.latencies.length

  console.log(`\n${requests} requests in ${crowd.seconds.toFixed(1)} s (${(requests / crowd.seconds).toFixed(0)}/s)`)
  console.log(`  requests per instance: ${upstreams.map(([address, count]) => `${address} ${count}`).join(', ')}`)
  console.log(`  residents in the survey at once: at most ${crowd.mostAtOnce} (arriving over ${RAMP_SECONDS} s)`)
  console.log(`  journeys completed: ${completed} of ${RESIDENTS}`)
  for (const [failure, count] of countBy(crowd.outcomes.flatMap((outcome) => outcome.failure ?? [])).slice(0, 5))
    console.log(`    ${count} stopped: ${failure}`)
  console.log(`  responses stored: ${stored}`)
  console.log(`  distinct references shown: ${references.size}, found in the database: ${found.filter(Boolean).length}`)
  console.log(`  duplicates (stored minus distinct references): ${duplicates}`)
  console.log(`  5xx responses: ${crowd.serverErrors}`)
  console.log(`  session cookie sent Secure (over nginx's X-Forwarded-Proto): ${secure.length} of ${RESIDENTS}`)
  console.log(
    `  latency a request: p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms`,
  )

  // CPU time, unlike latency, does not grow when other work shares the machine.
  console.log(
    `  instances' CPU time: ${cpuUsed.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' and ')}, ` +
      `${(cpuUsed.reduce((sum, ms) => sum + ms, 0) / requests).toFixed(1)} ms a request; ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} CPUs`,
  )

  const pass =
    completed === RESIDENTS &&
    stored === completed &&
    duplicates === 0 &&
    crowd.serverErrors === 0 &&
    found.every(Boolean) &&
    secure.length === RESIDENTS
  console.log(
    `\n${pass ? 'PASS' : 'FAIL'}: every journey completed, responses stored = journeys completed, 0 duplicates, 0 5xx`,
  )
  return pass
}

async function main(): Promise<boolean> {
  buildForBench()
  const { db, consultationId } = await prepareDatabase()
  const nginxPort = await sparePort()
  const origin = `https://127.0.0.1:${nginxPort}`
  const instances = await startInstances(origin)
  const instancePorts = instances.map((instance) => instance.port)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-load-'))
  cleanups.push(() => fs.promises.rm(dir, { recursive: true, force: true }))
  const nginx = await startNginx(dir, nginxPort, instancePorts)
  cleanups.push(() => stopNginx(nginx.process))
  console.log(
    `nginx on ${origin} in front of instances on ports ${instancePorts.join(' and ')}; ${RESIDENTS} residents`,
  )

  const cpuBefore = instances.map((instance) => cpuMs(instance.child))
  const crowd = await runCrowd({
    residents: RESIDENTS,
    rampSeconds: RAMP_SECONDS,
    origin,
    certificate: nginx.certificate,
  })
  const cpuUsed = instances.map((instance, index) => cpuMs(instance.child) - (cpuBefore[index] ?? 0))
  return report({ crowd, cpuUsed, db, consultationId, upstreamLog: nginx.upstreamLog })
}

// Ctrl-C reaches tsx too, which passes it on: the second signal must not end the clean-up the first began.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void cleanUp().then(() => process.exit(130))
  })

main()
  .then((pass) => (process.exitCode = pass ? 0 : 1))
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => cleanUp())
