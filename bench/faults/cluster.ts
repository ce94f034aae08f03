import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const BIN = '/usr/lib/postgresql/15/bin'
const OS_USER = 'postgres'

/** A port the kernel has just given out and taken back, so nothing listens on it. */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

/** Runs a PostgreSQL binary as the postgres OS user (initdb refuses root), without blocking the event loop. */
async function asPostgres(binary: string, args: string[]): Promise<void> {
  await promisify(execFile)('runuser', ['-u', OS_USER, '--', path.join(BIN, binary), ...args])
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on a spare port, trusting local connections. It is
 * for faults only: fsync is off, since nothing here must survive a crash of the machine.
 */
export class ThrowawayCluster {
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-faults-'))
  private readonly dataDir = path.join(this.folder, 'data')
  private running = false

  private constructor(readonly port: number) {
    const { uid, gid } = userIds(OS_USER)
    fs.chownSync(this.folder, uid, gid)
  }

  static async create(): Promise<ThrowawayCluster> {
    const cluster = new ThrowawayCluster(await sparePort())
    await asPostgres('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '-N',
    ])
    return cluster
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.folder}`,
      '-c fsync=off',
      '-c full_page_writes=off',
    ].join(' ')
    await asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.folder, 'postgres.log'),
      '-w',
      '-o',
      options,
      'start',
    ])
    this.running = true
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop'])
    this.running = false
  }

  /** The postmaster and every backend it started, for freezing the server with SIGSTOP. */
  processIds(): number[] {
    const postmaster = Number(fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => parentOf(Number(pid)) === postmaster)
      .map(Number)
    return [postmaster, ...children]
  }

  /** Stops the server if it runs and deletes the folder; safe to call more than once. */
  async remove(): Promise<void> {
    try {
      if (this.running) await this.stop('immediate')
    } finally {
      fs.rmSync(this.folder, { recursive: true, force: true })
    }
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}
