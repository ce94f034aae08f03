/**
 * Load for one target: autocannon at a fixed number of connections for a fixed time, after a short
 * warm-up; or, for the survey journey, residents (bench/load/resident.ts) each answering it again and again.
 * Both give the CPU time the server process used over the measured stretch.
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import autocannon from 'autocannon'
import { Pool } from 'undici'
import { percentile } from '../load/crowd'
import { completeJourney } from '../load/resident'

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2)
export const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 50)
/**
 * The journeys are measured once V8 has optimised their code paths, as on a busy day's server that has served
 * them for hours: from a cold start the app took 1.97 ms of CPU a request over the first 12 s of journeys,
 * 1.32 over the next 10 s, then 1.19, 1.13, 1.06, and 0.94-1.01 from about a minute on.
 */
export const JOURNEY_WARM_UP_SECONDS = Number(process.env.BENCH_JOURNEY_WARM_UP_SECONDS ?? 60)

export interface Figures {
  perSecond: number
  p50: number
  p99: number
  total: number
  /** Responses other than 2xx, errors and timeouts. */
  failures: number
  /** Responses by their X-Page-Cache header ('none' when absent). */
  cacheStates: Map<string, number>
  /** The server's CPU time over the measured stretch, in ms. */
  cpuMs: number
}

/** CPU time (user and system) a process has used, in ms, from /proc (100 clock ticks a second on Linux). */
export function cpuMsOf(child: ChildProcess): number {
  const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export async function hammer(server: ChildProcess, url: string, headers: Record<string, string>): Promise<Figures> {
  if (WARM_UP_SECONDS > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, headers })
  const cacheStates = new Map<string, number>()
  const onResponse = (_status: number, _body: string, _context: unknown, responseHeaders: Record<string, string>) => {
    const state = Object.entries(responseHeaders).find(([name]) => name.toLowerCase() === 'x-page-cache')?.[1] ?? 'none'
    cacheStates.set(state, (cacheStates.get(state) ?? 0) + 1)
  }
  const cpuBefore = cpuMsOf(server)
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [{ onResponse }],
  })
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    cacheStates,
    cpuMs: cpuMsOf(server) - cpuBefore,
  }
}

export interface JourneyFigures extends Figures {
  journeys: number
  journeysPerSecond: number
  references: string[]
  failureReasons: string[]
  /** The residents' own CPU time a request, in ms: what the load itself took from the machine. */
  residentsCpuMsPerRequest: number
}

/**
 * RESIDENTS residents at once, each starting a new journey (a new address and cookie jar) as soon as the
 * last one ends, until the time is up. `perSecond` holds the journeys' requests a second, to set beside bare
 * Express's; latencies are per request. The residents share RESIDENTS kept-alive connections, as autocannon's
 * connections to the bare server are kept, and as a proxy keeps its own to the app.
 */
export async function runJourneys(
  server: ChildProcess,
  origin: string,
  firstIndex: number,
  seconds = SECONDS,
): Promise<JourneyFigures> {
  const latencies: number[] = []
  let failures = 0
  const references: string[] = []
  const failureReasons: string[] = []
  let next = firstIndex
  const connections = new Pool(origin, { connections: RESIDENTS })
  const options = {
    connections,
    origin,
    headers: { 'x-forwarded-proto': 'https' },
    onResponse: (status: number, ms: number) => {
      latencies.push(ms)
      if (status >= 400) failures++
    },
  }
  const cpuBefore = cpuMsOf(server)
  const residentsCpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + seconds * 1000
  const resident = async () => {
    while (performance.now() < deadline) {
      const outcome = await completeJourney(next++, options)
      if (outcome.reference) references.push(outcome.reference)
      else failureReasons.push(outcome.failure ?? 'unknown')
    }
  }
  await Promise.all(Array.from({ length: RESIDENTS }, resident))
  const elapsed = (performance.now() - started) / 1000
  const residentsCpu = process.cpuUsage(residentsCpuBefore)
  await connections.close()
  const sorted = latencies.sort((a, b) => a - b)
  return {
    perSecond: latencies.length / elapsed,
    journeysPerSecond: references.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    total: latencies.length,
    failures,
    cacheStates: new Map(),
    cpuMs: cpuMsOf(server) - cpuBefore,
    journeys: references.length + failureReasons.length,
    references,
    failureReasons,
    residentsCpuMsPerRequest: (residentsCpu.user + residentsCpu.system) / 1000 / Math.max(1, latencies.length),
  }
}
