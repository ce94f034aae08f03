/**
 * Runs the whole suite against one prepared database: a PGlite snapshot by default, or a template
 * database on the PostgreSQL server named by TEST_DATABASE_URL. Each test file restores or clones it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { projectRoot } from '../src/paths'
import { createPostgresTemplate, dropDatabasesWithPrefix, writePgliteSnapshot } from '../src/db/provision'

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return findTestFiles(full)
    return entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** The spec reporter on the console; with TEST_TIMINGS=file, also a TAP record of every test's duration. */
function reporters(): string[] {
  const spec = ['--test-reporter=spec', '--test-reporter-destination=stdout']
  const timings = process.env.TEST_TIMINGS
  return timings ? [...spec, '--test-reporter=tap', `--test-reporter-destination=${timings}`] : spec
}

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  // The browser and fuzz tests take longest, so they start first and the run ends on short files, every core
  // busy to the end.
  const isLong = (file: string) => file.endsWith('.browser.test.ts') || file.includes(`${path.sep}fuzz${path.sep}`)
  const files =
    only.length > 0
      ? only
      : findTestFiles(path.join(projectRoot, 'test')).sort(
          (a, b) => Number(isLong(b)) - Number(isLong(a)) || a.localeCompare(b),
        )
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' }
  const serverUrl = process.env.TEST_DATABASE_URL
  const runId = `hub_test_${process.pid}_${Date.now().toString(36)}`
  const started = Date.now()

  if (serverUrl) {
    const template = `${runId}_template`
    await createPostgresTemplate(serverUrl, template)
    env.TEST_PG_TEMPLATE = template
    console.log(`Testing on PostgreSQL (${new URL(serverUrl).host}), template database ${template}`)
  } else {
    const snapshot = path.join(os.tmpdir(), `${runId}.tar`)
    await writePgliteSnapshot(snapshot)
    env.TEST_PGLITE_SNAPSHOT = snapshot
    console.log('Testing on embedded PGlite (set TEST_DATABASE_URL to test on PostgreSQL)')
  }
  console.log(`Prepared the seeded database in ${((Date.now() - started) / 1000).toFixed(1)}s`)

  try {
    // Test files are independent (each has its own database). On PostgreSQL many spend much of their time
    // waiting on the server, Chromium or a timer, so two files a core keep the cores busy; embedded PGlite
    // runs in each file's own process and keeps its core busy alone. TEST_CONCURRENCY overrides.
    const filesPerCore = serverUrl ? 2 : 1
    const concurrency = process.env.TEST_CONCURRENCY ?? String(Math.max(2, filesPerCore * os.availableParallelism()))
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...reporters(), ...files],
      {
        cwd: projectRoot,
        env,
        stdio: 'inherit',
      },
    )
    return result.status ?? 1
  } finally {
    if (serverUrl) await dropDatabasesWithPrefix(serverUrl, runId)
    else if (env.TEST_PGLITE_SNAPSHOT) fs.rmSync(env.TEST_PGLITE_SNAPSHOT, { force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
