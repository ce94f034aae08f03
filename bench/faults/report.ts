/** One fault's outcome: whether it passed and the figures measured. */
export interface FaultResult {
  name: string
  pass: boolean
  figures: string[]
  /** Anything the fault showed that looks like a bug in the app, with its evidence. */
  findings?: string[]
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`

export function latencySummary(values: number[]): string {
  return (
    `n=${values.length}, p50 ${ms(percentile(values, 0.5))}, p99 ${ms(percentile(values, 0.99))}, ` +
    `max ${ms(Math.max(...values))}`
  )
}

/** "503×12, 200×3": how many replies had each status (0: no reply). */
export function statusCounts(statuses: number[]): string {
  const counts = new Map<number, number>()
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1)
  return [...counts].map(([status, count]) => `${status}×${count}`).join(', ') || 'none'
}

export function printResult(index: string, result: FaultResult): void {
  console.log(`\n${result.pass ? 'PASS' : 'FAIL'} ${index}. ${result.name}`)
  for (const figure of result.figures) console.log(`  - ${figure}`)
  for (const finding of result.findings ?? []) console.log(`  ! ${finding}`)
}
