import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { projectRoot } from '../src/paths'

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

describe('the server on a fresh embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-server-test-'))
  // Undefined if the server never started, which the after hook must survive to report it.
  let server: Awaited<ReturnType<typeof startServer>> | undefined

  before(async () => {
    server = await startServer(dataDir)
  })
  after(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
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
  })
})
