/**
 * Runs the whole suite against one prepared database: a PGlite snapshot by default, or a template
 * database on the PostgreSQL server named by TEST_DATABASE_URL. Each test file restores or clones it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as esbuild from 'esbuild'
import { projectRoot } from '../src/paths'
import { createPostgresTemplate, dropDatabasesWithPrefix, writePgliteSnapshot } from '../src/db/provision'

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return findTestFiles(full)
    return entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** The folders the tests load code from; src/assets is the browser's, built by build-assets. */
const COMPILED_FOLDERS = ['src', 'test', 'seeds', 'migrations']

/**
 * Compiles the tests and the code they load to JavaScript once, as tsx would file by file (the same esbuild
 * transform and options), into `outdir`, with every other file there copied beside them. Each test file runs
 * in a process of its own, and loading through tsx cost each of them about 1.4 s of CPU more than loading the
 * compiled files (2.7 s against 1.3 s for the app and its test support): some 2 minutes of a CI run.
 * Source maps keep stack traces pointing at the TypeScript.
 */
async function compileTests(outdir: string): Promise<void> {
  const entryPoints: string[] = []
  const copy = (file: string) => {
    const target = path.join(outdir, path.relative(projectRoot, file))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(file, target)
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (full !== path.join(projectRoot, 'src', 'assets')) walk(full)
      } else if (entry.name.endsWith('.ts')) entryPoints.push(full)
      else copy(full)
    }
  }
  for (const folder of COMPILED_FOLDERS) walk(path.join(projectRoot, folder))
  entryPoints.push(path.join(projectRoot, 'scripts', 'run-test-files.ts'))
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: projectRoot,
    format: 'cjs',
    platform: 'node',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    keepNames: true,
    // As tsx loads them: `import('../x')` finds x.ts through tsx's resolver, and here must become a require().
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  })
}

/**
 * Node options of every test file's process. `--liftoff-only`: a file's embedded PGlite runs in WebAssembly, which
 * V8 would also recompile with its optimising compiler, in the background, at about a second of CPU a file that
 * its few hundred statements never win back (the admin tests on PGlite: 87 s against 73 s).
 */
const TEST_NODE_OPTIONS = ['--liftoff-only', '--enable-source-maps']

/**
 * Where the PGlite snapshot and each test file's copy of it live: in memory (/dev/shm) where there is room, as
 * copying its 1,200 files to and from the disk's file system cost each file about 0.35 s more CPU than to tmpfs.
 */
function pgliteScratchFolder(): string {
  const shm = '/dev/shm'
  try {
    const { bavail, bsize } = fs.statfsSync(shm)
    fs.accessSync(shm, fs.constants.W_OK)
    if (bavail * bsize >= 2 * 1024 ** 3) return shm
  } catch {
    // No /dev/shm here (not Linux), or not writable: the disk will do.
  }
  return os.tmpdir()
}

/** The PGlite snapshot and the copies of it that test files opened, each named from the run's id. */
function removeFolders(parent: string, prefix: string): void {
  for (const name of fs.readdirSync(parent).filter((entry) => entry.startsWith(prefix)))
    fs.rmSync(path.join(parent, name), { recursive: true, force: true })
}

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  // The fuzz tests take longest, then the browser tests, so they start first and the run ends on short files,
  // every core busy to the end.
  const rank = (file: string) =>
    file.includes(`${path.sep}fuzz${path.sep}`) ? 0 : file.endsWith('.browser.test.ts') ? 1 : 2
  const files =
    only.length > 0
      ? only
      : findTestFiles(path.join(projectRoot, 'test')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' }
  const serverUrl = process.env.TEST_DATABASE_URL
  const runId = `hub_test_${process.pid}_${Date.now().toString(36)}`
  const started = Date.now()
  const scratch = pgliteScratchFolder()
  // Beneath the project, so that the compiled code finds it (package.json) as it finds it from src/ or dist/.
  const compiled = path.join(projectRoot, '.tmp', runId)
  const compiledFile = (file: string) =>
    path.join(compiled, path.relative(projectRoot, path.resolve(file))).replace(/\.ts$/, '.js')

  try {
    await compileTests(compiled)
    if (serverUrl) {
      const template = `${runId}_template`
      await createPostgresTemplate(serverUrl, template)
      env.TEST_PG_TEMPLATE = template
      console.log(`Testing on PostgreSQL (${new URL(serverUrl).host}), template database ${template}`)
    } else {
      const snapshot = path.join(scratch, runId)
      await writePgliteSnapshot(snapshot)
      env.TEST_PGLITE_SNAPSHOT = snapshot
      console.log('Testing on embedded PGlite (set TEST_DATABASE_URL to test on PostgreSQL)')
    }
    console.log(`Compiled the tests and prepared the seeded database in ${((Date.now() - started) / 1000).toFixed(1)}s`)

    // Test files are independent (each has its own database). On PostgreSQL many spend much of their time
    // waiting on the server, Chromium or a timer: with two files a core, the cores were a third idle, so three; PGlite
    // runs in each file's own process and keeps its core busy alone. TEST_CONCURRENCY overrides.
    const filesPerCore = serverUrl ? 3 : 1
    const concurrency = process.env.TEST_CONCURRENCY ?? String(Math.max(2, filesPerCore * os.availableParallelism()))
    env.TEST_CONCURRENCY = concurrency
    const result = spawnSync(
      process.execPath,
      [...TEST_NODE_OPTIONS, compiledFile('scripts/run-test-files.ts'), ...files.map(compiledFile)],
      { cwd: projectRoot, env, stdio: 'inherit' },
    )
    return result.status ?? 1
  } finally {
    fs.rmSync(compiled, { recursive: true, force: true })
    if (serverUrl) await dropDatabasesWithPrefix(serverUrl, runId)
    else removeFolders(scratch, runId)
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
