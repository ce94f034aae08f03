import type { AppProcess } from './app-process'
import type { ThrowawayCluster } from './cluster'
import type { BenchDatabase } from './database'

/** What every fault works with: the cluster, the app in front of it, and the bench's view of the database. */
export interface BenchContext {
  port: number
  cluster: ThrowawayCluster
  database: BenchDatabase
  app: AppProcess
  /** Residents simulated at once while a fault happens. */
  residents: number
  /** The answers one whole journey through the sample survey stores. */
  answersPerJourney: number
  /** The big consultation's responses, each one CSV row. */
  exportRows: number
}
