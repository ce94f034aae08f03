/**
 * Creates the first admin: npm run create-admin -- --email someone@example.org [--name "Their Name"]
 * The password comes from ADMIN_PASSWORD or an interactive prompt, never from the command line.
 * On the embedded database, run it with the server stopped; while the server runs, use the set-up link it logs.
 */
import { parseArgs } from 'node:util'
import readline from 'node:readline'
import { Writable } from 'node:stream'
import { z } from 'zod'
import { passwordProblem } from '../src/admin/auth/passwords'
import { loadConfig } from '../src/config'
import { createDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrations'
import { createServices } from '../src/services'
import { exitWithError } from '../src/shared/exit'

async function promptHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write: (chunk: Uint8Array | string, _enc, done) => {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true })
  // Ctrl+C in a raw-mode prompt is a key press, not a signal: make it one, so the script stops as it would elsewhere.
  rl.on('SIGINT', () => {
    rl.close()
    process.kill(process.pid, 'SIGINT')
  })
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close()
      process.stdout.write('\n')
      resolve(answer)
    })
    muted = true
  })
}

const USAGE =
  'Usage: npm run create-admin -- --email <email> [--name "Name"]  (password from ADMIN_PASSWORD or a prompt, ' +
  'never the command line)'

function readArguments(): { email?: string; name?: string } | null {
  try {
    return parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } }).values
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`)
    return null
  }
}

async function main(): Promise<number> {
  const values = readArguments()
  if (!values) return 2
  const email = z.email().safeParse(values.email?.trim().toLowerCase())
  if (!email.success) {
    console.error(USAGE)
    return 2
  }
  // Opened first: on the embedded database, a running server holds the folder and this stops here, before a prompt.
  const db = createDatabase(loadConfig().database)
  try {
    await migrateToLatest(db)
    const password = process.env.ADMIN_PASSWORD ?? (process.stdin.isTTY ? await promptHidden('Password: ') : '')
    const problem = await passwordProblem(password, [email.data])
    if (problem) {
      console.error(problem)
      return 2
    }
    const { userService } = createServices(db)
    if (await userService.list().then((users) => users.some((user) => user.email === email.data))) {
      console.error(`A user with the email ${email.data} already exists`)
      return 1
    }
    const id = await userService.createWithPassword({
      email: email.data,
      displayName: values.name ?? email.data,
      role: 'admin',
      password,
    })
    console.log(`Created admin ${email.data} (user ${id}). Sign in at /admin/sign-in`)
    return 0
  } finally {
    await db.destroy()
  }
}

main().then((code) => process.exit(code), exitWithError)
