import { completeJourney, type JourneyOutcome } from './resident'

export interface CrowdOptions {
  residents: number
  /** Residents arrive evenly over this many seconds. */
  rampSeconds: number
  origin: string
  certificate: Buffer
}

export interface CrowdFigures {
  outcomes: JourneyOutcome[]
  /** Every response's time taken, redirects included, in ms. */
  latencies: number[]
  serverErrors: number
  mostAtOnce: number
  seconds: number
}

/** Every resident answers the survey, each in a browser of its own, all in the survey at once. */
export async function runCrowd({ residents, rampSeconds, origin, certificate }: CrowdOptions): Promise<CrowdFigures> {
  const latencies: number[] = []
  let serverErrors = 0
  const onResponse = (status: number, ms: number) => {
    latencies.push(ms)
    if (status >= 500) serverErrors++
  }
  let inJourney = 0
  let mostAtOnce = 0
  const resident = async (index: number): Promise<JourneyOutcome> => {
    await new Promise((resolve) => setTimeout(resolve, (index * rampSeconds * 1000) / residents))
    mostAtOnce = Math.max(mostAtOnce, ++inJourney)
    const outcome = await completeJourney(index + 1, { origin, certificate, onResponse })
    inJourney--
    return outcome
  }
  const started = performance.now()
  const outcomes = await Promise.all(Array.from({ length: residents }, (_, index) => resident(index)))
  return { outcomes, latencies, serverErrors, mostAtOnce, seconds: (performance.now() - started) / 1000 }
}

/** Nearest-rank percentile. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
