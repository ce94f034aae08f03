/**
 * Runs the test files named on the command line, in that order, `TEST_CONCURRENCY` at once, each in a process of
 * its own, reporting as `node --test` would (spec on the console; with TEST_TIMINGS=file, TAP there too). Started
 * by run-tests.ts, compiled, with plain node: each test file's process takes this one's node options.
 *
 * Not `node --test` itself, which sorts the files by name, so that the longest ran last and alone.
 */
import fs from 'node:fs'
import { run } from 'node:test'
import { spec, tap } from 'node:test/reporters'

const files = process.argv.slice(2)
const stream = run({ files, concurrency: Number(process.env.TEST_CONCURRENCY ?? 2) })
// As node --test: a failing test fails the run, unless it is marked todo.
stream.on('test:fail', (event) => {
  if (event.todo === undefined || event.todo === false) process.exitCode = 1
})
stream.pipe(new spec()).pipe(process.stdout)
const timings = process.env.TEST_TIMINGS
if (timings) stream.compose(tap).pipe(fs.createWriteStream(timings))
