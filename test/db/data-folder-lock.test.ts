import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import { after, describe, it } from 'node:test'
import { DataFolderInUseError, LOCK_FILE_NAME, lockDataFolder } from '../../src/db/data-folder-lock'
import { projectRoot } from '../../src/paths'

const folders: string[] = []
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true })
})

function newDataFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-lock-test-'))
  folders.push(folder)
  return folder
}

const lockFileOf = (folder: string) => path.join(folder, LOCK_FILE_NAME)
const holderOf = (folder: string) => fs.readFileSync(lockFileOf(folder), 'utf8').trim()
const inUseBy = (pid: number | string) => new RegExp(`is in use by another process \\(pid ${pid}\\)`)

/** The pid of a process that has exited, as a crashed server's would be. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', ''])
  assert.ok(pid)
  return pid
}

/** Another process holding the folder, as a running server does (without opening PGlite). */
async function holdInChild(folder: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'test/db/hold-data-folder.ts'), folder],
    {
      cwd: projectRoot,
    },
  )
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer]
  assert.equal(chunk.toString().trim(), 'locked')
  return child
}

const exitOf = async (child: ChildProcessWithoutNullStreams) =>
  child.exitCode !== null || child.signalCode !== null
    ? [child.exitCode, child.signalCode]
    : ((await once(child, 'exit')) as [number | null, string | null])

/** Locks of PGlite data folders: nothing to do with PostgreSQL, so the PGlite pass runs them. */
const skip = process.env.TEST_DATABASE_URL ? 'tests the embedded database, which the PGlite pass covers' : false

describe('the data-folder lock', { skip }, () => {
  it('names this process in the folder, refuses a second opening, and is gone once released', () => {
    const folder = newDataFolder()
    const lock = lockDataFolder(folder)
    assert.equal(holderOf(folder), String(process.pid))
    assert.throws(() => lockDataFolder(folder), DataFolderInUseError)
    lock.release()
    assert.deepEqual(fs.readdirSync(folder), [])
    lockDataFolder(folder).release()
  })

  it('takes over a lock left by a process that has died, and an unreadable one once it is old', () => {
    const folder = newDataFolder()
    fs.writeFileSync(lockFileOf(folder), `${deadPid()}\n`)
    const lock = lockDataFolder(folder)
    assert.equal(holderOf(folder), String(process.pid))
    lock.release()

    fs.writeFileSync(lockFileOf(folder), '')
    assert.throws(() => lockDataFolder(folder), inUseBy('unknown'))
    const aMinuteAgo = new Date(Date.now() - 60_000)
    fs.utimesSync(lockFileOf(folder), aMinuteAgo, aMinuteAgo)
    lockDataFolder(folder).release()
    assert.deepEqual(fs.readdirSync(folder), [])
  })

  it('refuses a folder that a live process holds, until that process ends by SIGTERM, SIGINT or exit', async () => {
    const folder = newDataFolder()
    for (const end of ['SIGTERM', 'SIGINT', 'exit'] as const) {
      const child = await holdInChild(folder)
      assert.throws(() => lockDataFolder(folder), inUseBy(child.pid!))
      if (end === 'exit') child.stdin.write('exit\n')
      else child.kill(end)
      const [code, signal] = await exitOf(child)
      assert.deepEqual([code, signal], end === 'exit' ? [0, null] : [null, end])
      assert.deepEqual(fs.readdirSync(folder), [], `the lock is released on ${end}`)
    }
  })

  it('is taken over from a process that was killed outright', async () => {
    const folder = newDataFolder()
    const child = await holdInChild(folder)
    child.kill('SIGKILL')
    await exitOf(child)
    assert.equal(holderOf(folder), String(child.pid))
    lockDataFolder(folder).release()
  })
})

describe('a second process on a data folder in use', { skip }, () => {
  const commands = {
    'npm run create-admin': ['scripts/create-admin.ts', '--email', 'second@council.test'],
    'npm run migrate': ['scripts/migrate.ts'],
    'npm run seed': ['scripts/seed.ts'],
    'the server': ['src/server.ts'],
  }
  for (const [name, args] of Object.entries(commands)) {
    it(`${name} stops at once with a message, exit code 1, and touches nothing`, async () => {
      const folder = newDataFolder()
      const lock = lockDataFolder(folder)
      try {
        const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
          cwd: projectRoot,
          env: {
            ...process.env,
            DATA_DIR: folder,
            DATABASE_URL: '',
            NODE_ENV: 'development',
            LOG_LEVEL: 'silent',
            ADMIN_PASSWORD: 'orange tractor window 42',
          },
        })
        let stderr = ''
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        const [code] = await exitOf(child)
        assert.equal(code, 1, stderr)
        assert.match(stderr, inUseBy(process.pid))
        assert.match(stderr, /stop the server first, or, to create the first admin, use the set-up link it printed/)
        assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace')
        assert.deepEqual(fs.readdirSync(folder), [LOCK_FILE_NAME])
        assert.equal(holderOf(folder), String(process.pid))
      } finally {
        lock.release()
      }
    })
  }
})
