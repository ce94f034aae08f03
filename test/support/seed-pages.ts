import fs from 'node:fs'
import path from 'node:path'

/**
 * Reads one of the council's real consultation pages (kept verbatim under test/fixtures) into the
 * parts the site must reproduce: its title, date lines, every paragraph and bullet, and its term lists.
 */
export interface SeedPage {
  title: string
  dateLines: string[]
  textLines: string[]
  termLists: string[][]
}

const DATE_LINE = /^(Opened|Closed|Closes|Feedback updated|Results updated) (\d{1,2} \w{3} \d{4})$/
const BULLET = /^\s*•\s*/

export function readSeedPage(name: string): SeedPage {
  const raw = fs.readFileSync(path.join(__dirname, '../fixtures/seed-pages', name), 'utf8')
  const blocks = raw.split(/\n\s*\n\s*\n/).map((block) =>
    block
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  )
  const lines = blocks.flat()
  const isTermList = (block: string[]) =>
    block.length > 0 && block.every((line) => BULLET.test(line) || line.startsWith('•'))
  const termLists = blocks.filter(isTermList).map((block) => block.map((line) => line.replace(BULLET, '')))
  const termLines = new Set(termLists.flat().map((term) => `• ${term}`))
  return {
    title: lines[0]!,
    dateLines: lines.filter((line) => DATE_LINE.test(line)),
    textLines: lines
      .slice(1)
      .filter((line) => !DATE_LINE.test(line) && !termLines.has(line))
      .map((line) => line.replace(BULLET, '').replace(/:$/, '')),
    termLists,
  }
}

const MONTHS: Record<string, string> = {
  Jan: 'January',
  Feb: 'February',
  Mar: 'March',
  Apr: 'April',
  May: 'May',
  Jun: 'June',
  Jul: 'July',
  Aug: 'August',
  Sep: 'September',
  Oct: 'October',
  Nov: 'November',
  Dec: 'December',
}

/** "Closed 29 Dec 2014" → { label: "Closed", date: "29 December 2014" } */
export function expandDateLine(line: string): { label: string; date: string } {
  const match = DATE_LINE.exec(line)
  if (!match) throw new Error(`Not a date line: ${line}`)
  const [day, month, year] = match[2]!.split(' ')
  return { label: match[1]!, date: `${day} ${MONTHS[month!]} ${year}` }
}
