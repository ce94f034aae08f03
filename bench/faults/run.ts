/**
 * bench/faults: what residents and officers see when the database or the process misbehaves. Starts a
 * throwaway PostgreSQL cluster (initdb in a temporary folder, on a spare port), the compiled app in production
 * mode in front of it, and a crowd of simulated residents; then stops, freezes and cuts off the database,
 * stalls downloads and sends SIGTERM, and prints PASS or FAIL with the figures of each fault.
 *   npm run bench:faults
 *   FAULTS_RESIDENTS=30 FAULTS_RESPONSES=100000 npm run bench:faults   (the defaults)
 */
import fs from 'node:fs'
import os from 'node:os'
import { adminConnection } from '../../src/db/provision'
import { buildForBench } from '../app-process'
import { AppProcess } from './app-process'
import { Browser } from './browser'
import { ThrowawayCluster, sparePort } from './cluster'
import type { BenchContext } from './context'
import { residentAddress } from './crowd'
import { BenchDatabase } from './database'
import { hungDatabase } from './hung-database'
import { databaseOutage } from './outage'
import { printResult, type FaultResult } from './report'
import { Resident } from './resident'
import { sigtermMidway } from './sigterm'
import { stalledExports } from './stalled-exports'
import { terminatedConnections } from './terminated-connections'

const RESIDENTS = Number(process.env.FAULTS_RESIDENTS ?? 30)
const RESPONSES = Number(process.env.FAULTS_RESPONSES ?? 100_000)
const STALL_TIMEOUT_MS = 5_000
const SHUTDOWN_GRACE_MS = 30_000
const DATABASE = 'hub'
/** A comma-separated choice of faults to run (1-2, 1b, 3, 5, 4), for working on one; all by default. */
const ONLY = process.env.FAULTS_ONLY?.split(',')
/** Where to write the app's log lines at the end, to read them after the cluster is gone. */
const APP_LOG = process.env.FAULTS_APP_LOG

const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`

/** Runs a fault; one that throws is a FAIL with the error as its figure. */
async function attempt(name: string, fault: () => Promise<FaultResult | FaultResult[]>): Promise<FaultResult[]> {
  try {
    const result = await fault()
    return Array.isArray(result) ? result : [result]
  } catch (err) {
    return [{ name, pass: false, figures: [`the bench failed: ${err instanceof Error ? err.stack : String(err)}`] }]
  }
}

/** The answers a whole journey stores, from one resident's response before any fault. */
async function answersPerJourney(port: number, database: BenchDatabase): Promise<number> {
  const resident = new Resident(new Browser(port, residentAddress()), { giveUpAfterMs: 0 })
  await resident.respond()
  const answers = (await database.answerCounts()).get(resident.reference ?? '')
  if (!answers) throw new Error('the first response was not stored')
  return answers
}

async function prepare(cluster: ThrowawayCluster): Promise<BenchDatabase> {
  const started = performance.now()
  await cluster.start()
  const admin = adminConnection(cluster.url('postgres'))
  await admin.raw('create database ??', [DATABASE])
  await admin.destroy()
  const database = new BenchDatabase(cluster.url(DATABASE))
  await database.prepare(RESPONSES, (step) => console.log(`  ${step}: ${seconds(started)}`))
  return database
}

async function runFaults(ctx: BenchContext): Promise<FaultResult[]> {
  const results: FaultResult[] = []
  const run = async (index: string, name: string, fault: () => Promise<FaultResult | FaultResult[]>) => {
    if (ONLY && !ONLY.includes(index)) return
    const started = performance.now()
    const outcomes = await attempt(name, fault)
    outcomes.forEach((outcome, at) => printResult(at === 0 ? index : `${index}+`, outcome))
    const load = os.loadavg().map((average) => average.toFixed(1))
    console.log(
      `  (${seconds(started)}; the machine's load average now ${load.join(', ')} on ${os.cpus().length} CPUs)`,
    )
    results.push(...outcomes)
  }
  await run('1-2', 'database stopped under load', () => databaseOutage(ctx))
  await run('1b', 'database hung', () => hungDatabase(ctx))
  await run('3', 'unread export downloads', () => stalledExports(ctx, STALL_TIMEOUT_MS))
  await run('5', 'terminated connections', () => terminatedConnections(ctx))
  await run('4', 'SIGTERM mid-export and mid-submission', () => sigtermMidway(ctx, SHUTDOWN_GRACE_MS))
  return results
}

async function main(): Promise<boolean> {
  const started = performance.now()
  buildForBench()
  const cluster = await ThrowawayCluster.create()
  let database: BenchDatabase | undefined
  let app: AppProcess | undefined
  const cleanUp = async () => {
    await app?.stop()
    if (APP_LOG && app) fs.writeFileSync(APP_LOG, app.logLines.join('\n'))
    await database?.destroy()
    await cluster.remove()
  }
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)))
  try {
    database = await prepare(cluster)
    console.log(`PostgreSQL 15 on port ${cluster.port}, migrated, seeded, ${RESPONSES} responses: ${seconds(started)}`)
    const port = await sparePort()
    app = new AppProcess({
      port,
      databaseUrl: cluster.url(DATABASE),
      env: { EXPORT_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS), SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS) },
    })
    await app.ready()
    const ctx: BenchContext = {
      port,
      cluster,
      database,
      app,
      residents: RESIDENTS,
      answersPerJourney: await answersPerJourney(port, database),
      exportRows: await database.exportRows(),
    }
    console.log(`app on port ${port}; one whole journey stores ${ctx.answersPerJourney} answers`)
    const results = await runFaults(ctx)
    const failed = results.filter((result) => !result.pass).length
    console.log(`\n${results.length - failed} passed, ${failed} failed, in ${seconds(started)}`)
    return failed === 0
  } finally {
    await cleanUp()
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
