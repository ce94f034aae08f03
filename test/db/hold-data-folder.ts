/**
 * Holds the data folder named on the command line, says so on standard output, and waits: a second process
 * for the data-folder lock tests, ended by a signal or by `exit` on standard input.
 */
import { lockDataFolder } from '../../src/db/data-folder-lock'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('Usage: hold-data-folder.ts <data folder>')
lockDataFolder(dataDir)
console.log('locked')
process.stdin.on('data', (chunk: Buffer) => {
  if (chunk.toString().trim() === 'exit') process.exit(0)
})
