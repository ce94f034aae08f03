/** Starts and stops the compiled app (dist/bench/serve.js, built by npm run build:server) in a child process. */
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '..')
const COMPILED_SERVE = path.join(ROOT, 'dist', 'bench', 'serve.js')

/** Compiles the server, so that dist/ is the code as it stands, and builds the assets if they are missing. */
export function buildForBench(): void {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' })
  if (!fs.existsSync(path.join(ROOT, 'public', 'dist', 'manifest.json')))
    execFileSync('npm', ['run', '--silent', 'build:assets'], { cwd: ROOT, stdio: 'inherit' })
}

/**
 * Forks the app with the given environment added to this process's and resolves once it listens. `nodeArgs`
 * are node's own flags (none by default, as in production), such as --cpu-prof.
 */
export async function startApp(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = fork(COMPILED_SERVE, [], {
    execArgv: nodeArgs,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`app exited with ${code}`)))
  })
  return child
}

/** Asks the app to finish (SIGTERM) and waits until it has. */
export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
