import knex, { type Knex } from 'knex'
import { migrateToLatest } from '../../src/db/migrations'
import { createServices } from '../../src/services'
import { runSeeds } from '../../seeds'
import { createBenchConsultation, generateResponses } from '../generate'
import { ensureBenchOfficer } from '../officer'
import { SAMPLE_SLUG } from './resident'

/** The bench's own connections carry this name, so that they are neither counted nor terminated as the app's. */
const BENCH_APPLICATION = 'faults-bench'

export const EXPORT_SLUG = 'bench-export'

export interface AppConnections {
  total: number
  /** Connections in a statement or a transaction for over a second: a download's cursor, say. */
  longHeld: number
}

/** The bench's view of the database: setting it up, watching the app's connections, and reading what was stored. */
export class BenchDatabase {
  readonly db: Knex

  constructor(url: string) {
    this.db = knex({ client: 'pg', connection: { connectionString: url, application_name: BENCH_APPLICATION } })
  }

  /** Migrations, the seed data (its sample survey is what residents answer), the analyst, and a big consultation. */
  async prepare(responses: number, done: (step: string) => void): Promise<void> {
    await migrateToLatest(this.db)
    await runSeeds(this.db)
    await ensureBenchOfficer(createServices(this.db))
    done('migrated and seeded')
    const { consultationId, survey } = await createBenchConsultation(this.db, EXPORT_SLUG)
    await generateResponses(this.db, consultationId, survey.id, 1, responses)
    done(`${responses} responses generated`)
  }

  private readonly appActivity = () =>
    this.db('pg_stat_activity')
      .where('datname', this.db.raw('current_database()'))
      .andWhere('backend_type', 'client backend')
      .andWhereNot('application_name', BENCH_APPLICATION)

  async appConnections(): Promise<AppConnections> {
    const row = await this.appActivity().first<{ total: number; longHeld: number }>(
      this.db.raw('count(*)::int as total'),
      this.db.raw(
        "(count(*) filter (where state <> 'idle' and query_start < now() - interval '1 second'))::int as \"longHeld\"",
      ),
    )
    return row
  }

  /** Ends every connection of the app's, as an administrator or a failover would; gives how many. */
  async terminateAppConnections(): Promise<number> {
    const rows = await this.appActivity().select<{ terminated: boolean }[]>(
      this.db.raw('pg_terminate_backend(pid) as terminated'),
    )
    return rows.filter((row) => row.terminated).length
  }

  /** The number of answers of every response residents sent to the sample survey. */
  async answerCounts(): Promise<Map<string, number>> {
    const rows = await this.db('responses')
      .join('consultations', 'consultations.id', 'responses.consultation_id')
      .leftJoin('response_answers', 'response_answers.response_id', 'responses.id')
      .where({ 'consultations.slug': SAMPLE_SLUG, 'responses.is_sample': false })
      .groupBy('responses.reference')
      .select<{ reference: string; answers: number }[]>(
        'responses.reference',
        this.db.raw('count(response_answers.id)::int as answers'),
      )
    return new Map(rows.map((row) => [row.reference, row.answers]))
  }

  async exportRows(): Promise<number> {
    const row = await this.db('responses')
      .join('consultations', 'consultations.id', 'responses.consultation_id')
      .where('consultations.slug', EXPORT_SLUG)
      .first<{ count: number }>(this.db.raw('count(*)::int as count'))
    return row.count
  }

  destroy(): Promise<void> {
    return this.db.destroy()
  }
}
