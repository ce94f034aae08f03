import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { LOCK_FILE_NAME } from '../src/db/data-folder-lock'
import { projectRoot } from '../src/paths'

const PASSWORD = 'orange tractor window 42'
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

/** Starts the real server the way `npm start` does, on a new embedded database, and reads its log. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number; log: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log.join('\n')}`)), 180_000)
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        log.push(line)
        const entry = JSON.parse(line) as { port?: number }
        if (entry.port) {
          clearTimeout(timer)
          resolve({ child, port: entry.port, log })
        }
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log.join('\n')}`)))
  })
}

/**
 * Runs a command while this process carries on: a spawnSync that outlasts the server's keep-alive timeout (5 s,
 * on a busy machine) would leave fetch a pooled connection that the server has closed unnoticed.
 */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, { cwd: projectRoot, env }, (_err, _stdout, stderr) =>
      resolve({ status: child.exitCode, stderr }),
    )
  })
}

/** The server always runs on embedded PGlite here, so the pass on PostgreSQL has nothing to add. */
const skip = process.env.TEST_DATABASE_URL ? 'tests the embedded database, which the PGlite pass covers' : false

describe('the server on a fresh embedded database', { skip }, () => {
  let dataDir = ''
  // Undefined if the server never started, which the after hook must survive to report it.
  let server: Awaited<ReturnType<typeof startServer>> | undefined

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-server-test-'))
    server = await startServer(dataDir)
  })
  after(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL')
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('migrates, seeds the empty database once, and says which database it uses', async () => {
    const base = `http://127.0.0.1:${server!.port}`
    const ready = await fetch(`${base}/readyz`)
    assert.equal(ready.status, 200)
    const home = await (await fetch(`${base}/`)).text()
    assert.match(home, /Sample consultation: parks and green spaces/)
    assert.ok(
      server!.log.some((line) => line.includes('embedded PGlite')),
      'logs the database in use',
    )
    assert.ok(server!.log.some((line) => line.includes('seeded an empty database')))
  })

  it('logs every request with a request id', async () => {
    const response = await fetch(`http://127.0.0.1:${server!.port}/privacy`, {
      headers: { 'X-Request-Id': 'test-request-42' },
    })
    assert.equal(response.headers.get('x-request-id'), 'test-request-42')
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.ok(server!.log.some((line) => line.includes('"id":"test-request-42"')))
  })

  it('holds its data folder: create-admin stops with a message, and the server reads and writes on', async () => {
    const createAdmin = await run(
      ['--import', 'tsx', path.join(projectRoot, 'scripts/create-admin.ts'), '--email', 'second@council.test'],
      { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: PASSWORD },
    )
    assert.equal(createAdmin.status, 1)
    assert.match(createAdmin.stderr, /is in use by another process \(pid \d+\): stop the server first/)

    const base = `http://127.0.0.1:${server!.port}`
    const setupLine = server!.log.find((line) => line.includes('No officer can sign in yet'))
    const link = /\/admin\/setup\/[\w-]+/.exec(setupLine ?? '')?.[0]
    assert.ok(link, 'logs a set-up link')
    const form = await fetch(`${base}${link}`)
    assert.equal(form.status, 200)
    const cookie = cookieOf(form)
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
    const body = new URLSearchParams({ _csrf, displayName: 'Ada', email: 'ada@council.test', password: PASSWORD })
    body.set('confirmPassword', PASSWORD)
    const created = await fetch(`${base}${link}`, { method: 'POST', headers: { cookie }, body, redirect: 'manual' })
    assert.equal(created.status, 303)
    const admin = await fetch(`${base}/admin`, { headers: { cookie: cookieOf(created) }, redirect: 'manual' })
    assert.equal(admin.status, 200)
    assert.match(await admin.text(), /Signed in as ada@council\.test/)
    assert.equal((await fetch(`${base}${link}`)).status, 404)
    assert.equal((await fetch(`${base}/readyz`)).status, 200)
  })

  it('on SIGTERM finishes the request in flight, closes the database and exits 0', async () => {
    const inFlight = fetch(`http://127.0.0.1:${server!.port}/consultations/leicesters-drug-strategy-consultation`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const exited = new Promise<number | null>((resolve) => server!.child.on('exit', (code) => resolve(code)))
    server!.child.kill('SIGTERM')
    const response = await inFlight
    assert.equal(response.status, 200)
    assert.match(await response.text(), /Drug Strategy/)
    assert.equal(await exited, 0)
    assert.ok(server!.log.some((line) => line.includes('shut down cleanly')))
    assert.ok(!fs.existsSync(path.join(dataDir, LOCK_FILE_NAME)), 'the data folder is let go')
  })
})
