/** A bare Express "hello world" in a child process of its own, in production mode: the benchmark's yardstick. */
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')

const SOURCE = `
const express = require('express')
const app = express()
app.get('/', (req, res) => res.send('Hello World!'))
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send('ready'))
`

export async function startBareExpress(port: number): Promise<ChildProcess> {
  const child = fork('-e', [SOURCE], {
    cwd: ROOT,
    execArgv: [],
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`bare Express exited with ${code}`)))
  })
  return child
}
