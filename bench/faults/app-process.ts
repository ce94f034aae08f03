import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')
const SERVER = path.join(ROOT, 'dist', 'src', 'server.js')

/** Builds the app (assets and server) unless a build is already there. */
export interface AppSettings {
  port: number
  databaseUrl: string
  env?: Record<string, string>
}

/** The compiled server in production mode, as `npm run serve` runs it, with its JSON log lines kept. */
export class AppProcess {
  readonly logLines: string[] = []
  exitCode: number | null | undefined = undefined
  readonly exited: Promise<number | null>
  private readonly child: ChildProcess

  constructor(private readonly settings: AppSettings) {
    this.child = spawn(process.execPath, [SERVER], {
      cwd: ROOT,
      env: { ...process.env, ...productionEnv(settings), ...settings.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let pending = ''
    const keep = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n')
      pending = lines.pop() ?? ''
      this.logLines.push(...lines)
    }
    this.child.stdout?.on('data', keep)
    this.child.stderr?.on('data', keep)
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        this.exitCode = code
        resolve(code)
      }),
    )
  }

  get alive(): boolean {
    return this.exitCode === undefined
  }

  /** Waits until /healthz answers, failing if the process exits first. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`the app exited with ${this.exitCode}:\n${this.logLines.slice(-20).join('\n')}`)
      if ((await healthStatus(this.settings.port)) === 200) return
      await sleep(100)
    }
    throw new Error('the app did not become healthy in time')
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name)
  }

  /** Log lines whose message contains `text`. */
  logged(text: string): string[] {
    return this.logLines.filter((line) => line.includes(text))
  }

  async stop(): Promise<void> {
    if (!this.alive) return
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    await this.exited
    clearTimeout(timer)
  }
}

/** The statement timeout the bench's app runs with. */
export const STATEMENT_TIMEOUT_MS = 5_000

function productionEnv({ port, databaseUrl }: AppSettings): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'faults-bench-session-secret-0123456789',
    // The bench plays the TLS-terminating proxy: it sends X-Forwarded-Proto and X-Forwarded-For from loopback.
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'info',
    // Shorter than the default 30 s, as a council might set it, so that a hung database (fault 1b) is given up on
    // within the run: a query waits at most this plus 2 s.
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  }
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
