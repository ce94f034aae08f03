/** Prints the benchmark's lines, each with its ratio to bare Express and PASS or FAIL against its target. */
import type { Figures } from './load'

export interface Verdict {
  line: string
  pass: boolean
}

const fixed = (value: number, digits = 0) => value.toFixed(digits)

/** The server's CPU time per request (or per journey's request), in ms. */
export const cpuPerRequest = (figures: Figures) => figures.cpuMs / Math.max(1, figures.total)

function cacheNote(figures: Figures, expectHits: boolean): { note: string; pass: boolean } {
  if (!expectHits) return { note: '', pass: true }
  const hits = figures.cacheStates.get('hit') ?? 0
  const all = [...figures.cacheStates.values()].reduce((sum, count) => sum + count, 0)
  return { note: `, X-Page-Cache hit ${hits}/${all}`, pass: all > 0 && hits === all }
}

/** One target against the bare run just before it. */
export function compare(
  name: string,
  target: Figures,
  bare: Figures,
  goal: { throughput: number; p99?: number; cacheHits: boolean; unit?: string },
): Verdict {
  const throughput = target.perSecond / bare.perSecond
  const p99 = target.p99 / bare.p99
  const cache = cacheNote(target, goal.cacheHits)
  const pass =
    throughput >= goal.throughput && (goal.p99 === undefined || p99 <= goal.p99) && cache.pass && target.failures === 0
  const unit = goal.unit ?? 'req/s'
  const targets = `target ≥ ${goal.throughput}×${goal.p99 === undefined ? '' : `, p99 ≤ ${goal.p99}×`}`
  const line =
    `${pass ? 'PASS' : 'FAIL'} ${name}: ${fixed(target.perSecond, unit === 'req/s' ? 0 : 1)} ${unit} ` +
    `(${fixed(throughput, 2)}× bare ${fixed(bare.perSecond)} req/s), ` +
    `p50 ${fixed(target.p50, 1)} ms, p99 ${fixed(target.p99, 1)} ms (${fixed(p99, 2)}× bare ${fixed(bare.p99, 1)} ms)` +
    `${cache.note}, ${target.failures} failed, CPU ${fixed(cpuPerRequest(target), 2)} ms/request ` +
    `(bare ${fixed(cpuPerRequest(bare), 2)})` +
    ` [${targets}]`
  return { line, pass }
}

export function threshold(name: string, value: string, pass: boolean, target: string): Verdict {
  return { line: `${pass ? 'PASS' : 'FAIL'} ${name}: ${value} [target ${target}]`, pass }
}
