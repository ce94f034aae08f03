/** The part of autocannon (which ships no types) that bench/http uses. */
declare module 'autocannon' {
  interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    requests?: {
      onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void
    }[]
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    non2xx: number
    errors: number
    timeouts: number
  }
  function autocannon(options: Options): Promise<Result>
  export = autocannon
}
