/**
 * Creates the first admin: npm run create-admin -- --email someone@example.org [--name "Their Name"]
 * The password comes from ADMIN_PASSWORD or an interactive prompt, never from the command line.
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

async function promptHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write: (chunk: Uint8Array | string, _enc, done) => {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true })
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
  const password = process.env.ADMIN_PASSWORD ?? (process.stdin.isTTY ? await promptHidden('Password: ') : '')
  const problem = passwordProblem(password, [email.data])
  if (problem) {
    console.error(problem)
    return 2
  }
  const db = createDatabase(loadConfig().database)
  try {
    await migrateToLatest(db)
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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
