import fs from 'node:fs'
import path from 'node:path'
import { ActionableError } from '../shared/errors'

/**
 * The file in a PGlite data folder that names the process using it. PGlite keeps the database in that
 * process's memory and writes it back to the folder, so a second process on the same folder (the server
 * and `npm run create-admin`, say) works on a copy that neither sees and overwrites the other's files.
 */
export const LOCK_FILE_NAME = 'consultation-hub.lock'

/** A lock file with no pid in it is one being written now, unless it is older than this (then its writer died). */
const UNREADABLE_LOCK_STALE_MS = 10_000
const ATTEMPTS = 5

export class DataFolderInUseError extends ActionableError {
  constructor(dataDir: string, pid: number | null) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid ?? 'unknown'}): ` +
        'stop the server first, or, to create the first admin, use the set-up link it printed',
    )
    this.name = 'DataFolderInUseError'
  }
}

export interface DataFolderLock {
  file: string
  release: () => void
}

interface LockRecord {
  pid: number | null
  ageMs: number
}

/** Lock files this process holds, by path, with their release. */
const held = new Map<string, () => void>()

/**
 * Takes the data folder for this process, or throws DataFolderInUseError if a live process holds it. A lock
 * left by a process that has died is taken over. Released when the process exits (or by `release`).
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME)
  if (held.has(file)) throw new DataFolderInUseError(dataDir, process.pid)
  let holder: LockRecord | null = null
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(file)) return hold(file)
    holder = readLock(file)
    if (holder && isLive(holder)) break
    if (holder) removeStaleLock(file, holder)
  }
  throw new DataFolderInUseError(dataDir, holder?.pid ?? null)
}

/** Creates the file with this process's pid in it, or returns false if it exists already. */
function createExclusive(file: string): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'wx')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`)
  } finally {
    fs.closeSync(fd)
  }
  return true
}

function readLock(file: string): LockRecord | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
    return { pid: Number.isSafeInteger(pid) && pid > 0 ? pid : null, ageMs: Date.now() - fs.statSync(file).mtimeMs }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

function isLive({ pid, ageMs }: LockRecord): boolean {
  if (pid === null) return ageMs < UNREADABLE_LOCK_STALE_MS
  // Not one of ours (see `held`), so an earlier process that had this pid left it.
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Deletes a dead process's lock. Only the process that creates the stale lock's reaper file may, and it
 * checks under it that the lock is still that one, so of several starting together none deletes a lock
 * that another has just taken. A reaper file is left only by a crash in between, and is cleared when old.
 */
function removeStaleLock(file: string, stale: LockRecord): void {
  const reaper = `${file}.stale-${stale.pid ?? 'unreadable'}`
  if (!createExclusive(reaper)) {
    const leftBehind = readLock(reaper)
    if (leftBehind && leftBehind.ageMs > UNREADABLE_LOCK_STALE_MS) fs.rmSync(reaper, { force: true })
    return
  }
  try {
    const current = readLock(file)
    if (current?.pid === stale.pid && !isLive(current)) fs.rmSync(file, { force: true })
  } finally {
    fs.rmSync(reaper, { force: true })
  }
}

function hold(file: string): DataFolderLock {
  const release = () => {
    if (!held.delete(file)) return
    process.off('exit', release)
    if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true })
  }
  held.set(file, release)
  process.on('exit', release)
  releaseOnSignals()
  return { file, release }
}

let signalsHandled = false

/**
 * A process that handles SIGINT and SIGTERM itself (the server) exits through process.exit, which releases
 * its locks. One that does not (a script) would die without an 'exit' event: release them, then die as it would.
 */
function releaseOnSignals(): void {
  if (signalsHandled) return
  signalsHandled = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return
      for (const release of [...held.values()]) release()
      process.off(signal, onSignal)
      process.kill(process.pid, signal)
    }
    process.on(signal, onSignal)
  }
}
